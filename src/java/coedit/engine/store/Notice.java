package coedit.engine.store;

/** A committed-to-be change of one watched path, for {@link ProxyHub#publish}. */
public record Notice(ProxyHub hub, ProxyHub.Path path, Object newValue, Object diff, Object oldValue) {}
