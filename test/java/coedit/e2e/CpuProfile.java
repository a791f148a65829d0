package coedit.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A sampled CPU profile from Chromium's DevTools protocol ({@code Profiler.stop}): the time
 * of every sample charged to each frame on its stack, printed as a tree of call paths
 * (inclusive milliseconds) down to a threshold. Samples outside script (idle, the browser's
 * own work, garbage collection) are left out.
 */
final class CpuProfile {

  /** The profiler's pseudo-frames for time spent outside script. */
  private static final Set<String> NOT_SCRIPT = Set.of("(idle)", "(program)", "(garbage collector)");

  private final Map<String, Double> paths = new TreeMap<>();
  private double scriptMillis;

  /** Aggregates {@code profile} (the {@code profile} object of a Profiler.stop result). */
  CpuProfile(Map<?, ?> profile) {
    Map<Long, Map<?, ?>> nodes = new HashMap<>();
    Map<Long, Long> parents = new HashMap<>();
    for (Object o : (List<?>) profile.get("nodes")) {
      Map<?, ?> node = (Map<?, ?>) o;
      long id = ((Number) node.get("id")).longValue();
      nodes.put(id, node);
      List<?> children = (List<?>) node.get("children");
      if (children != null) {
        for (Object c : children) parents.put(((Number) c).longValue(), id);
      }
    }
    List<?> samples = (List<?>) profile.get("samples");
    List<?> deltas = (List<?>) profile.get("timeDeltas");
    for (int i = 0; i + 1 < samples.size(); i++) {
      // A sample's time is the gap to the next one.
      double ms = ((Number) deltas.get(i + 1)).doubleValue() / 1000;
      List<String> stack = new ArrayList<>();
      for (Long id = ((Number) samples.get(i)).longValue(); id != null; id = parents.get(id)) {
        stack.add(0, frame(nodes.get(id)));
      }
      if (stack.size() < 2 || NOT_SCRIPT.contains(stack.get(1))) continue;
      scriptMillis += ms;
      StringBuilder path = new StringBuilder();
      for (String f : stack.subList(1, stack.size())) {
        path.append(path.isEmpty() ? "" : "\n").append(f);
        paths.merge(path.toString(), ms, Double::sum);
      }
    }
  }

  /** Milliseconds of samples in script (not idle, not the browser's own work, not GC). */
  double scriptMillis() {
    return scriptMillis;
  }

  /** The call tree, paths of at least {@code minMillis}, indented by depth (at most {@code depth}). */
  String tree(double minMillis, int depth) {
    StringBuilder out = new StringBuilder();
    paths.forEach((path, ms) -> {
      String[] frames = path.split("\n");
      if (ms >= minMillis && frames.length <= depth) {
        out.append(String.format("%8.1f ms  %s%s%n", ms, "  ".repeat(frames.length - 1), frames[frames.length - 1]));
      }
    });
    return out.toString();
  }

  private static String frame(Map<?, ?> node) {
    Map<?, ?> call = (Map<?, ?>) node.get("callFrame");
    String url = String.valueOf(call.get("url"));
    String name = String.valueOf(call.get("functionName"));
    if (url.isEmpty()) return name.isEmpty() ? "(anonymous)" : name;
    return (name.isEmpty() ? "(anonymous)" : name) + " " + url.substring(url.lastIndexOf('/') + 1)
        + ":" + (((Number) call.get("lineNumber")).intValue() + 1);
  }
}
