/**
 * The server's metrics ({@link coedit.server.metrics.ServerMetrics}, exported at
 * {@code /metrics} in the Prometheus text format with the JVM's, the process's and the
 * engine's) and its busiest documents ({@link coedit.server.metrics.HotDocuments}, at
 * {@code /api/admin/hot}).
 */
package coedit.server.metrics;
