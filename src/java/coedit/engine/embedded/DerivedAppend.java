package coedit.engine.embedded;



/** An append made by a processor: written atomically with its task's commit. */
record DerivedAppend(
    DepotInfo depot, int partition, byte[] payload, Object value, long appendTime) {}
