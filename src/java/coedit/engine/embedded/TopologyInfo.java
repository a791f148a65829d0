package coedit.engine.embedded;

import coedit.engine.ProcessorSupplier;

/** A stream topology at run time; {@code index} numbers topologies module-wide from 0. */
record TopologyInfo(String name, int index, DepotInfo depot, ProcessorSupplier<Object> supplier) {}
