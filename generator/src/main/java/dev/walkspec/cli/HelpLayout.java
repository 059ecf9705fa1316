package dev.walkspec.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How wide the help is, and how its example commands are laid out (issue 18 item 4).
 *
 * <p>The width is {@code COLUMNS} when it is set (what users expect, and what scripts set), else
 * the terminal's width when there is a terminal (picocli asks {@code stty}), else {@value
 * #DEFAULT_WIDTH}; never less than {@value #MIN_WIDTH}, picocli's own floor.
 *
 * <p>A footer line indented by two spaces whose first word is {@code walkspec} is an example
 * command, written on one line in the source. Prose wraps at the width like picocli's; an example
 * is never broken inside an argument: if it does not fit, it is continued on the next lines after a
 * shell continuation {@code " \"}, between arguments only, so that pasting the lines into a shell
 * runs exactly the command of the source. An argument longer than a line stays whole.
 */
final class HelpLayout {
  static final int DEFAULT_WIDTH = 80;
  static final int MIN_WIDTH = 55;

  /** Where an example command begins: two spaces, then the command's name. */
  static final String EXAMPLE = "  walkspec ";

  /**
   * A redirection ("> FILE", "2>> FILE"): it stays with its file, like an option with its value.
   */
  private static final Pattern REDIRECT = Pattern.compile("[0-9]*(<|>|>>)");

  /** The extra indent of an example's continuation lines. */
  static final String CONTINUED = "    ";

  private final OptionalInt columns;

  HelpLayout(OptionalInt columns) {
    this.columns = columns;
  }

  /** {@code COLUMNS} of this environment when it is a number; otherwise the terminal decides. */
  static HelpLayout fromEnvironment(Map<String, String> environment) {
    String value = environment.get("COLUMNS");
    try {
      return new HelpLayout(
          value == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value.trim())));
    } catch (NumberFormatException notANumber) {
      return new HelpLayout(OptionalInt.empty());
    }
  }

  /** A fixed width (tests, and COLUMNS). */
  static HelpLayout columns(int width) {
    return new HelpLayout(OptionalInt.of(width));
  }

  /** Sets the width and the footer renderer on {@code cli} and every command below it. */
  void applyTo(CommandLine cli) {
    if (columns.isPresent()) {
      cli.setUsageHelpAutoWidth(false);
      cli.setUsageHelpWidth(Math.max(MIN_WIDTH, columns.getAsInt()));
    } else {
      // picocli measures the terminal when there is one, and keeps this width when there is none.
      cli.setUsageHelpWidth(DEFAULT_WIDTH);
      cli.setUsageHelpAutoWidth(true);
    }
    renderFootersOf(cli);
  }

  private static void renderFootersOf(CommandLine cli) {
    Map<String, CommandLine.IHelpSectionRenderer> sections = cli.getHelpSectionMap();
    sections.put(UsageMessageSpec.SECTION_KEY_FOOTER, HelpLayout::footer);
    cli.setHelpSectionMap(sections);
    cli.getSubcommands().values().stream().distinct().forEach(HelpLayout::renderFootersOf);
  }

  /** The footer: prose wrapped by picocli, examples by {@link #example}. */
  static String footer(Help help) {
    UsageMessageSpec usage = help.commandSpec().usageMessage();
    int width = usage.width();
    StringBuilder out = new StringBuilder(help.footerHeading());
    List<String> prose = new ArrayList<>();
    for (String line : usage.footer()) {
      if (!line.startsWith(EXAMPLE)) {
        prose.add(line);
        continue;
      }
      wrapProse(help, usage, width, prose, out);
      example(line, width, flags(help.commandSpec().root(), line))
          .forEach(l -> out.append(l).append(System.lineSeparator()));
    }
    wrapProse(help, usage, width, prose, out);
    return out.toString();
  }

  private static void wrapProse(
      Help help, UsageMessageSpec usage, int width, List<String> prose, StringBuilder out) {
    if (!prose.isEmpty()) {
      Help.join(
          help.ansi(),
          width,
          usage.adjustLineBreaksForWideCJKCharacters(),
          prose.toArray(String[]::new),
          out);
      prose.clear();
    }
  }

  /**
   * The lines of one example command: the line itself when it fits in {@code width}; else its shell
   * words (quotes kept, an option with its value), as many on a line as fit with room for the
   * {@code " \"} that continues it; a trailing comment on a line of its own above the command.
   */
  static List<String> example(String command, int width) {
    return example(command, width, Set.of());
  }

  /** {@link #example(String, int)}, where the options {@code flags} take no value. */
  static List<String> example(String command, int width, Set<String> flags) {
    if (command.length() <= width) {
      return List.of(command);
    }
    String indent = command.substring(0, command.length() - command.stripLeading().length());
    List<String> all = words(command.strip());
    String last = all.get(all.size() - 1);
    if (all.size() > 1 && last.startsWith("#")) {
      // A comment that does not fit goes above its command: after a continuation it would read
      // as an argument, and it is none.
      String bare = command.substring(0, command.lastIndexOf(last)).stripTrailing();
      List<String> lines = new ArrayList<>();
      lines.add(indent + last);
      lines.addAll(example(bare, width, flags));
      return lines;
    }
    int continued = indent.length() + CONTINUED.length() + " \\".length();
    List<String> words = units(words(command.strip()), width - continued, flags);
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(indent).append(words.get(0));
    for (int i = 1; i < words.size(); i++) {
      String word = words.get(i);
      int room = i == words.size() - 1 ? 0 : " \\".length();
      if (line.length() + 1 + word.length() + room <= width) {
        line.append(' ').append(word);
      } else {
        lines.add(line.append(" \\").toString());
        line = new StringBuilder(indent).append(CONTINUED).append(word);
      }
    }
    lines.add(line.toString());
    return lines;
  }

  /**
   * The options that take no value ({@code --c}, {@code --list}) of the command an example runs:
   * its words after {@code walkspec} name the subcommands, as the command line reads them.
   */
  static Set<String> flags(CommandSpec root, String example) {
    CommandSpec command = root;
    for (String word : words(example.strip()).subList(1, words(example.strip()).size())) {
      CommandLine sub = command.subcommands().get(word);
      if (sub == null) {
        break;
      }
      command = sub.getCommandSpec();
    }
    Set<String> flags = new HashSet<>();
    for (OptionSpec option : command.options()) {
      if (option.arity().max() == 0) {
        flags.addAll(List.of(option.names()));
      }
    }
    return flags;
  }

  /**
   * An option and its value ("--format json"; not a flag such as "--c"), or a redirection and its
   * file ("> matrix.json"), stay on one line when the two fit on a continuation line ({@code room}
   * columns); other words are units alone.
   */
  private static List<String> units(List<String> words, int room, Set<String> flags) {
    List<String> units = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      String next = i + 1 < words.size() ? words.get(i + 1) : "-";
      boolean option =
          !flags.contains(word) && word.startsWith("-") && !word.equals("--")
              || REDIRECT.matcher(word).matches();
      boolean value = !next.startsWith("-") && !next.startsWith("#");
      if (option && value && word.length() + 1 + next.length() <= room) {
        units.add(word + " " + next);
        i++;
      } else {
        units.add(word);
      }
    }
    return units;
  }

  /**
   * The shell words of a command line, each as written: a quoted part stays in its word, a
   * backslash keeps the next character in it, and a word starting with {@code #} is a comment that
   * runs to the end (a continuation inside it would end the comment, not continue the command).
   */
  static List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote == 0 && word.length() == 0 && c == '#') {
        words.add(command.substring(i));
        return words;
      }
      if (quote == 0 && Character.isWhitespace(c)) {
        if (word.length() > 0) {
          words.add(word.toString());
          word.setLength(0);
        }
        continue;
      }
      word.append(c);
      if (c == '\\' && quote != '\'' && i + 1 < command.length()) {
        word.append(command.charAt(++i));
      } else if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      }
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    return words;
  }
}
