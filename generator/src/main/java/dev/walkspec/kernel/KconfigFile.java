package dev.walkspec.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entries of a Kconfig file, as much as the check reads: each {@code config} with its line,
 * type, defaults and dependency, and every {@code select} of the file with its line. Help text and
 * menus are skipped.
 */
record KconfigFile(Map<String, Entry> entries, List<Select> selects) {

  record Entry(
      String name,
      int line,
      Optional<String> type,
      List<String> defaults,
      Optional<String> dependsOn) {}

  /** {@code select OPTION [if CONDITION]}. */
  record Select(String option, int line, Optional<String> condition) {}

  static KconfigFile parse(String text) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    List<Select> selects = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    Builder current = null;
    boolean inHelp = false;
    int helpIndent = 0;
    for (int n = 0; n < lines.length; n++) {
      String raw = lines[n];
      String line = stripComment(raw).strip();
      int indent = indent(raw);
      if (inHelp && (line.isEmpty() || indent > helpIndent)) {
        continue;
      }
      inHelp = false;
      if (line.startsWith("config ") || line.startsWith("menuconfig ")) {
        if (current != null) {
          entries.put(current.name, current.build());
        }
        current = new Builder(line.substring(line.indexOf(' ') + 1).strip(), n + 1);
      } else if (line.equals("help") || line.equals("---help---")) {
        inHelp = true;
        helpIndent = indent;
      } else if (line.startsWith("select ")) {
        String[] parts = line.substring(7).strip().split("\\s+if\\s+", 2);
        selects.add(
            new Select(
                parts[0].strip(),
                n + 1,
                Optional.ofNullable(parts.length > 1 ? parts[1].strip() : null)));
      } else if (current != null) {
        current.attribute(line);
      }
    }
    if (current != null) {
      entries.put(current.name, current.build());
    }
    return new KconfigFile(entries, selects);
  }

  private static String stripComment(String line) {
    int hash = line.indexOf('#');
    return hash < 0 ? line : line.substring(0, hash);
  }

  private static int indent(String line) {
    int columns = 0;
    for (char c : line.toCharArray()) {
      if (c == '\t') {
        columns = (columns / 8 + 1) * 8;
      } else if (c == ' ') {
        columns++;
      } else {
        break;
      }
    }
    return columns;
  }

  private static final class Builder {
    final String name;
    final int line;
    String type;
    final List<String> defaults = new ArrayList<>();
    String dependsOn;

    Builder(String name, int line) {
      this.name = name;
      this.line = line;
    }

    void attribute(String line) {
      String[] words = line.split("\\s+", 2);
      String rest = words.length > 1 ? words[1].strip() : "";
      switch (words[0]) {
        case "bool", "int", "tristate", "hex", "string" -> type = words[0];
        case "def_bool", "def_tristate" -> {
          type = words[0].substring(4);
          defaults.add(rest);
        }
        case "default" -> defaults.add(rest);
        case "depends" -> {
          String condition = rest.replaceFirst("^on\\s+", "");
          dependsOn = dependsOn == null ? condition : dependsOn + " && " + condition;
        }
        default -> {}
      }
    }

    Entry build() {
      return new Entry(
          name,
          line,
          Optional.ofNullable(type),
          List.copyOf(defaults),
          Optional.ofNullable(dependsOn));
    }
  }
}
