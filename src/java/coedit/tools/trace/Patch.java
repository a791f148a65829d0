package coedit.tools.trace;

/**
 * One splice of a trace: at {@code position}, delete {@code deleteCount} code points, then
 * insert {@code insert} (possibly empty). Positions and counts are Unicode code points.
 */
public record Patch(int position, int deleteCount, String insert) {}
