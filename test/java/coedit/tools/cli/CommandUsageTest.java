package coedit.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every bin/coedit command reads its arguments the same way: {@code --help} prints the usage
 * and exits 0; bad usage names what is wrong, prints the usage and exits 2 without doing
 * anything.
 */
class CommandUsageTest {
  interface Command {
    int run(String[] args, PrintStream out, PrintStream err);
  }

  private static final Map<String, Command> COMMANDS = Map.of(
      "check", CheckCommand::run, "repair", RepairCommand::run, "backup", BackupCommand::run,
      "restore", RestoreCommand::run, "repartition", RepartitionCommand::run, "replay", ReplayCommand::run,
      "kafka-dev", KafkaDevCommand::run, "token", TokenCommand::run);

  private record Outcome(int status, String out, String err) {}

  private static Outcome run(Command c, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = c.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpPrintsTheUsageAndSucceeds() {
    COMMANDS.forEach((name, c) -> {
      Outcome o = run(c, "--help");
      assertEquals(0, o.status(), name);
      assertTrue(o.out().startsWith("usage: bin/coedit " + name), name + ": " + o.out());
      assertEquals("", o.err(), name);
    });
  }

  @Test
  void badUsageNamesTheProblemAndExitsTwo() {
    Map<String, List<String>> bad = Map.of(
        "check", List.of(), "repair", List.of("/nonexistent"), "backup", List.of("only-one"),
        "restore", List.of("a", "b", "c"), "repartition", List.of("a", "b", "--partitions", "0"),
        "replay", List.of("trace.json", "--partitions", "x"), "kafka-dev", List.of("--nodes", "10"),
        "token", List.of("--user", "ada"));
    Map<String, String> says = Map.of(
        "check", "DATA_DIR", "repair", "--accept-loss", "backup", "DEST", "restore", "c",
        "repartition", "between 1 and 4096", "replay", "--partitions", "kafka-dev", "[1, 9]", "token", "--secret-file");
    bad.forEach((name, args) -> {
      Outcome o = run(COMMANDS.get(name), args.toArray(String[]::new));
      assertEquals(2, o.status(), name + ": " + o.err());
      assertTrue(o.err().startsWith(name.equals("token") ? "coedit token: " : name + ": "), name + ": " + o.err());
      assertTrue(o.err().contains(says.get(name)), name + " names the problem: " + o.err());
      assertTrue(o.err().contains("usage: bin/coedit " + name), name + " shows the usage: " + o.err());
      assertEquals("", o.out(), name + " printed nothing else");
    });
  }
}
