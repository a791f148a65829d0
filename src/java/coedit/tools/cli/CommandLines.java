package coedit.tools.cli;

import java.io.PrintStream;
import picocli.CommandLine;

/**
 * The one way bin/coedit's commands read their arguments: picocli fills a command object's
 * annotated fields. Bad usage prints what is wrong and the command's usage, and means exit
 * status 2; {@code --help} prints the usage and means 0.
 */
final class CommandLines {
  private CommandLines() {}

  /**
   * Parses {@code args} into {@code command}; null when the command should run, else the
   * exit status to return at once (help printed to {@code out}, or an error to {@code err}).
   */
  static Integer parse(Object command, String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = cli(command);
    String name = cli.getCommandSpec().name();
    try {
      cli.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      err.println(name + ": " + e.getMessage());
      err.print(cli.getUsageMessage(CommandLine.Help.Ansi.OFF));
      return 2;
    }
    if (cli.isUsageHelpRequested()) {
      out.print(cli.getUsageMessage(CommandLine.Help.Ansi.OFF));
      return 0;
    }
    return null;
  }

  /** A usage error found after parsing (a value out of range): printed like picocli's. */
  static int usageError(Object command, String message, PrintStream err) {
    CommandLine cli = cli(command);
    err.println(cli.getCommandSpec().name() + ": " + message);
    err.print(cli.getUsageMessage(CommandLine.Help.Ansi.OFF));
    return 2;
  }

  private static CommandLine cli(Object command) {
    CommandLine cli = new CommandLine(command);
    cli.getCommandSpec().usageMessage().synopsisHeading("usage: bin/coedit ").width(100);
    return cli;
  }
}
