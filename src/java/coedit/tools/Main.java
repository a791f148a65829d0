package coedit.tools;

import coedit.tools.cli.BackupCommand;
import coedit.tools.cli.CheckCommand;
import coedit.tools.cli.KafkaDevCommand;
import coedit.tools.cli.RepartitionCommand;
import coedit.tools.cli.RestoreCommand;
import coedit.tools.cli.RecomputeCommand;
import coedit.tools.cli.RepairCommand;
import coedit.tools.cli.ReplayCommand;
import coedit.tools.cli.ServeCommand;
import coedit.tools.cli.TokenCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The launcher's entry point ({@code bin/coedit SUBCOMMAND ...}): one dispatch table, each
 * subcommand owned by its package. Exit codes: 0 success, 1 failure, 2 bad usage.
 */
public final class Main {
  /** Modules coedit ships, in the order {@code recompute} without a module class rebuilds those with data. */
  private static final List<String> SERVER_MODULES = List.of(
      "coedit.editor.CollaborativeDocumentEditorModule", "coedit.todo.TodoModule");

  private static final String USAGE = """
      usage: bin/coedit SUBCOMMAND [ARGS]
        serve [--help] [OPTIONS]       run the server (default http://localhost:8080, data in ./data)
        replay TRACE [OPTIONS]         replay an editing trace through the editor module
        recompute DATA_DIR [MODULE]    rebuild PStates from the depots (default: every module with data)
        replay TRACE --kafka BOOTSTRAP the same, on the Kafka runtime
        check DATA_DIR [--full]        verify a stopped server's data offline; exit 0 sound, 1 damaged
        repair DATA_DIR --accept-loss  start again on data that lost records, accepting the loss
        backup DATA_DIR DEST           a consistent backup, taken by the running server if there is one
        restore BACKUP DATA_DIR        restore a backup into an empty data directory
        repartition DATA_DIR NEW_DIR --partitions N   rebuild the data with another partition count
        token --secret-file F --user ID --doc PATTERN=read|write ...  print an HS256 token (README, "Security")
        bench [ot|stale|engine|editor|load|robustness|kafka|cluster|rpc|all]  run benchmarks (docs/benchmarks.md)
        kafka-dev [--nodes N] [--dir DIR]  a local KRaft cluster on 127.0.0.1 (docs/kafka.md)
        help                           this text
      """;

  private Main() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args));
  }

  static int run(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.print(USAGE);
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    return switch (args[0]) {
      case "serve" -> ServeCommand.run(rest);
      case "replay" -> ReplayCommand.run(rest);
      case "recompute" -> recompute(rest);
      case "check" -> CheckCommand.run(rest, System.out, System.err);
      case "backup" -> BackupCommand.run(rest, System.out, System.err);
      case "restore" -> RestoreCommand.run(rest, System.out, System.err);
      case "repartition" -> RepartitionCommand.run(rest, System.out, System.err);
      case "repair" -> RepairCommand.run(rest, System.out, System.err);
      case "token" -> TokenCommand.run(rest, System.out, System.err);
      case "bench" -> Benchmarks.run(rest);
      case "kafka-dev" -> KafkaDevCommand.run(rest, System.out, System.err);
      case "help", "--help", "-h" -> {
        System.out.print(USAGE);
        yield 0;
      }
      default -> {
        System.err.print("unknown subcommand: " + args[0] + "\n" + USAGE);
        yield 2;
      }
    };
  }

  /** {@code recompute DATA_DIR [MODULE_CLASS]}: without a class, every server module that has data there. */
  private static int recompute(String[] args) {
    if (args.length == 2) return RecomputeCommand.run(args, System.out, System.err);
    if (args.length != 1) {
      System.err.println("usage: bin/coedit recompute DATA_DIR [MODULE_CLASS]");
      return 2;
    }
    int done = 0;
    for (String moduleClass : SERVER_MODULES) {
      String moduleName = moduleDirName(moduleClass);
      if (moduleName == null || !Files.isDirectory(Path.of(args[0], moduleName))) continue;
      int code = RecomputeCommand.run(new String[] {args[0], moduleClass}, System.out, System.err);
      if (code != 0) return code;
      done++;
    }
    if (done == 0) {
      System.err.println("recompute: no module data in " + args[0]);
      return 2;
    }
    return 0;
  }

  private static String moduleDirName(String moduleClass) {
    try {
      return ((coedit.engine.Module) Class.forName(moduleClass).getConstructor().newInstance()).name();
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }
}
