package dev.walkspec.kernel;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.emit.c.KconfigRenderer;
import dev.walkspec.model.Decls.Assignment;
import dev.walkspec.model.Decls.ConfigOption;
import dev.walkspec.model.Decls.Operation;
import dev.walkspec.model.Decls.Profile;
import dev.walkspec.model.Expr;
import dev.walkspec.model.Expressions;
import dev.walkspec.model.Name;
import dev.walkspec.model.Rule;
import dev.walkspec.model.Spec;
import dev.walkspec.model.Walker;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The Kconfig side of the check: each option the spec declares against the tree's {@code
 * virt/kvm/Kconfig} (declared, type, defaults, dependency), and each arch's selections of those
 * options against its {@code arch/ARCH/kvm/Kconfig}. Options the spec does not declare are the
 * tree's own business and are not compared. A finding cites the rules and callers whose flags read
 * the option (KVM_MMU_LOCKLESS_AGING: C3,C4,C5), else the option itself.
 */
final class KconfigCheck {
  static final String OPTIONS_FILE = "virt/kvm/Kconfig";

  private final Spec spec;
  private final KconfigRenderer kconfig;

  KconfigCheck(CheckedSpec checked) {
    this.spec = checked.spec();
    this.kconfig = new KconfigRenderer(checked);
  }

  List<Finding> options(KconfigFile tree) {
    List<Finding> findings = new ArrayList<>();
    for (ConfigOption option : spec.configs()) {
      String name = option.name().text();
      String rules = rulesReading(name);
      KconfigFile.Entry entry = tree.entries().get(name);
      if (entry == null) {
        findings.add(new Finding(OPTIONS_FILE, 1, rules, "the tree declares no option " + name));
        continue;
      }
      String type = option.type().map(Name::text).orElse("bool");
      if (!entry.type().orElse("").equals(type)) {
        findings.add(
            finding(
                entry,
                rules,
                name
                    + " is "
                    + entry.type().orElse("untyped")
                    + " in the tree, "
                    + type
                    + " in the spec"));
      }
      List<String> defaults =
          option.defaultValue().map(KconfigRenderer::defaultLines).orElse(List.of());
      if (!normalized(entry.defaults()).equals(normalized(defaults))) {
        findings.add(
            finding(
                entry,
                rules,
                name
                    + " defaults to "
                    + shown(entry.defaults())
                    + " in the tree, "
                    + shown(defaults)
                    + " in the spec"));
      }
      Optional<String> depends = option.dependsOn().map(KconfigRenderer::kconfig);
      if (!normalized(entry.dependsOn()).equals(normalized(depends))) {
        findings.add(
            finding(
                entry,
                rules,
                name
                    + " depends on "
                    + entry.dependsOn().orElse("nothing")
                    + " in the tree, on "
                    + depends.orElse("nothing")
                    + " in the spec"));
      }
    }
    return findings;
  }

  /** The arch profiles, each with the path of its Kconfig file in a tree. */
  List<Profile> arches() {
    return kconfig.archProfiles();
  }

  static String archFile(Profile arch) {
    return "arch/" + arch.name().text() + "/kvm/Kconfig";
  }

  List<Finding> arch(Profile arch, Optional<KconfigFile> tree) {
    String file = archFile(arch);
    Set<String> declared =
        spec.configs().stream().map(c -> c.name().text()).collect(Collectors.toSet());
    Set<String> wanted = new TreeSet<>(kconfig.selections(arch));
    wanted.retainAll(declared);
    if (tree.isEmpty()) {
      return wanted.isEmpty()
          ? List.of()
          : List.of(
              new Finding(
                  file,
                  1,
                  "profile " + arch.name().text(),
                  "the tree has no "
                      + file
                      + ", and the profile selects "
                      + String.join(", ", wanted)));
    }
    List<Finding> findings = new ArrayList<>();
    Set<String> selected = new TreeSet<>();
    for (KconfigFile.Select select : tree.get().selects()) {
      if (!declared.contains(select.option())) {
        continue;
      }
      selected.add(select.option());
      if (!wanted.contains(select.option())) {
        findings.add(
            new Finding(
                file,
                select.line(),
                rulesReading(select.option()),
                "the tree selects "
                    + select.option()
                    + ", profile "
                    + arch.name().text()
                    + " does not"));
      }
    }
    int line =
        tree.get().entries().values().stream().mapToInt(KconfigFile.Entry::line).min().orElse(1);
    for (String option : wanted) {
      if (!selected.contains(option)) {
        findings.add(
            new Finding(
                file,
                line,
                rulesReading(option),
                "profile " + arch.name().text() + " selects " + option + ", the tree does not"));
      }
    }
    return findings;
  }

  /** The callers and rules whose expressions read the option, or the option's own name. */
  String rulesReading(String option) {
    Set<String> ids = new LinkedHashSet<>();
    for (Walker walker : spec.walkers()) {
      for (Rule rule : walker.rules()) {
        if (reads(rule, option)) {
          ids.add(rule.id().text());
        }
      }
    }
    for (Profile p : spec.profiles()) {
      if (p.properties().stream()
          .anyMatch(
              a ->
                  a.target().text().equals("mmu_lock")
                      && Expressions.names(a.value()).contains(option))) {
        spec.walkers().forEach(w -> w.rule(Rule.Lock.class).ifPresent(l -> ids.add(l.id().text())));
      }
    }
    for (Operation op : spec.operations()) {
      for (Assignment a : op.assignments()) {
        if (Expressions.names(a.value()).contains(option)) {
          ids.add(op.id().text());
        }
      }
    }
    return ids.isEmpty() ? option : String.join(",", ids);
  }

  private static boolean reads(Rule rule, String option) {
    List<Expr> exprs = new ArrayList<>();
    if (rule instanceof Rule.Guard g) {
      exprs.add(g.when());
    } else if (rule instanceof Rule.Lock l) {
      exprs.add(l.mode());
      l.unless().ifPresent(exprs::add);
    } else if (rule instanceof Rule.Flush f) {
      exprs.add(f.when());
    } else if (rule instanceof Rule.Unlock u) {
      exprs.add(u.when());
    } else if (rule instanceof Rule.Result r) {
      r.stopWhen().ifPresent(exprs::add);
    }
    return exprs.stream().anyMatch(e -> Expressions.names(e).contains(option));
  }

  private static Finding finding(KconfigFile.Entry entry, String rules, String message) {
    return new Finding(OPTIONS_FILE, entry.line(), rules, message);
  }

  /** {@code default n} is a bool's own default, which the rendering leaves out. */
  private static List<String> normalized(List<String> values) {
    return values.stream().map(KconfigCheck::squeeze).filter(v -> !v.equals("n")).toList();
  }

  private static Optional<String> normalized(Optional<String> value) {
    return value.map(KconfigCheck::squeeze);
  }

  /** Kconfig writes y and n, spaces as it likes; compare without either difference. */
  private static String squeeze(String value) {
    return value.replaceAll("\\s+", "").replaceAll("\\(|\\)", "");
  }

  private static String shown(List<String> defaults) {
    return defaults.isEmpty() ? "its type's default" : String.join("; ", defaults);
  }
}
