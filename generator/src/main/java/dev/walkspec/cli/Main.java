package dev.walkspec.cli;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.Version;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.apiguardian.api.API;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code walkspec} command. Exit codes: 0 success, 1 findings (diagnostics, failed checks) or a
 * failure explained in one sentence, 2 usage errors.
 */
@Command(
    name = "walkspec",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Specify, check and explore the KVM memslot walk and its arch handlers.",
    footer = {
      "",
      "Examples:",
      "  walkspec check spec/src/main/walkspec/*.walk",
      "  walkspec check --format json spec/src/main/walkspec/kvm.walk",
      "  walkspec help check",
      "",
      "Exit codes: 0 success, 1 findings (or a failure, explained in one line), 2 usage."
    },
    subcommands = {
      CheckCommand.class,
      TraceCommand.class,
      GenerateCommand.class,
      DiffCommand.class,
      KernelCheckCommand.class,
      ExploreCommand.class,
      ReplayCommand.class,
      CommandLine.HelpCommand.class
    })
@API(status = INTERNAL)
public final class Main implements Runnable {
  public static final int OK = 0;
  public static final int FINDINGS = 1;
  public static final int USAGE = 2;

  /** A search stopped on its budget before its end and found nothing: not a pass (issue 19). */
  public static final int INCONCLUSIVE = 4;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(out, err, args));
  }

  /**
   * Runs a command line with the given streams; returns the exit code. The help is as wide as
   * {@code COLUMNS} or the terminal ({@link HelpLayout}).
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(HelpLayout.fromEnvironment(System.getenv()), out, err, args);
  }

  /** Runs a command line with its help laid out by {@code help}. */
  static int run(HelpLayout help, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    for (CommandExtension extension : ServiceLoader.load(CommandExtension.class)) {
      extension.commands().forEach(cli::addSubcommand);
    }
    // After the extensions: the width and the footer renderer go to every command added by then.
    help.applyTo(cli);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new Failures());
    cli.setParameterExceptionHandler(Main::usageError);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    PrintWriter err = cli.getErr();
    err.println("walkspec: " + unknownCommand(e).orElse(e.getMessage()));
    err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for more information.");
    return USAGE;
  }

  /**
   * A word where the command should be ("walkspec chek") is named as an unknown command, with the
   * closest command when it looks like a typo of one, instead of picocli's "Unmatched arguments".
   */
  private static Optional<String> unknownCommand(CommandLine.ParameterException e) {
    CommandLine cli = e.getCommandLine();
    if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched)
        || cli.getParent() != null
        || unmatched.getUnmatched().isEmpty()
        || unmatched.getUnmatched().get(0).startsWith("-")) {
      return Optional.empty();
    }
    String typed = unmatched.getUnmatched().get(0);
    List<String> commands = List.copyOf(cli.getSubcommands().keySet());
    String hint = Suggestions.didYouMean(typed, commands);
    return Optional.of(
        "unknown command '"
            + typed
            + "'"
            + (hint.isEmpty() ? " (the commands: " + String.join(", ", commands) + ")" : hint));
  }

  /** A failure is one sentence on stderr; the stack trace only with --debug. */
  static final class Failures implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(
        Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
      PrintWriter err = cli.getErr();
      // An I/O failure says which file and why; where in the code is no help to fix it.
      Optional<String> io = IoErrors.describe(e);
      err.println("walkspec: " + io.orElseGet(() -> sentence(e)));
      if (parsed.hasMatchedOption("--debug")
          || parsed.subcommands().stream().anyMatch(s -> s.hasMatchedOption("--debug"))) {
        e.printStackTrace(err);
      } else if (!(e instanceof UsageException) && io.isEmpty()) {
        err.println("(run with --debug to see where it happened)");
      }
      return e instanceof UsageException ? USAGE : FINDINGS;
    }

    private static String sentence(Throwable e) {
      String message = e.getMessage();
      return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"walkspec " + Version.get()};
    }
  }
}
