package coedit.server.live;

import coedit.editor.DocumentService;
import coedit.server.core.Peers;
import coedit.server.core.ServerConfig;
import coedit.server.core.SubmitGate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every live connection shares: the editor, the submission gate, the limits, the
 * rooms, the other server nodes of a cluster ({@code peers}, for presence), and three
 * executors: {@code send} writes frames (and holds lingering fan-out frames), {@code catchUp}
 * pages history to joiners that are far behind (it may block on flow control), {@code timer}
 * runs heartbeats and delayed closes.
 */
record LiveContext(DocumentService service, SubmitGate gate, ServerConfig config, Rooms rooms,
    ScheduledExecutorService send, ExecutorService catchUp, ScheduledExecutorService timer, Peers peers) {}
