package coedit.engine.embedded;

/** A committed-to-be change of one watched path, for {@link ProxyHub#publish}. */
record Notice(ProxyHub hub, ProxyHub.Path path, Object newValue, Object diff, Object oldValue) {}
