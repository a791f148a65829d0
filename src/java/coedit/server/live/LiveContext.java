package coedit.server.live;

import coedit.editor.DocumentService;
import coedit.server.core.Peers;
import coedit.server.core.ServerConfig;
import coedit.server.auth.Access;
import coedit.server.core.SubmitGate;
import coedit.server.limits.Throttles;
import coedit.server.metrics.ServerMetrics;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every live connection shares: the editor, the submission gate, the limits, the
 * rooms, who may do what ({@code access}), what one client may cost ({@code throttles}),
 * the server's meters ({@code metrics}), the other server nodes of a cluster ({@code peers},
 * for presence), and three executors: {@code send} writes frames (and holds lingering fan-out
 * frames), {@code catchUp} pages history to joiners that are far behind (it may block on flow
 * control), {@code timer} runs heartbeats and delayed closes.
 */
record LiveContext(DocumentService service, SubmitGate gate, ServerConfig config, Rooms rooms,
    ScheduledExecutorService send, ExecutorService catchUp, ScheduledExecutorService timer, Access access,
    Throttles throttles, ServerMetrics metrics, Peers peers) {}
