package dev.walkspec.emit.c;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.check.ResolvedProfile;
import dev.walkspec.model.Decls.ConfigOption;
import dev.walkspec.model.Decls.Profile;
import dev.walkspec.model.Expr;
import dev.walkspec.model.Name;
import dev.walkspec.model.Spec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The Kconfig side: every option the spec declares, with its type, default, dependency and help,
 * for {@code virt/kvm/Kconfig}; and for each arch (a concrete profile that extends no concrete one)
 * the options it selects, for {@code arch/ARCH/kvm/Kconfig}. A profile that extends an arch
 * (x86_private) is a kind of VM of that arch, not an arch: its file is its arch's.
 */
@API(status = INTERNAL)
public final class KconfigRenderer {
  private final CheckedSpec checked;
  private final Spec spec;

  public KconfigRenderer(CheckedSpec checked) {
    this.checked = checked;
    this.spec = checked.spec();
  }

  RenderedFile options() {
    CWriter w = new CWriter();
    header(w, "The Kconfig options the spec declares.");
    for (ConfigOption option : spec.configs()) {
      w.blank();
      w.line("config " + option.name().text());
      w.line("\t" + option.type().map(Name::text).orElse("bool"));
      option.defaultValue().ifPresent(d -> defaults(w, d));
      option.dependsOn().ifPresent(d -> w.line("\tdepends on " + kconfig(d)));
      if (!option.doc().isBlank()) {
        w.line("\thelp");
        Wrap.words(option.doc(), 70).forEach(l -> w.line("\t  " + l));
      }
    }
    return w.file(CRendering.KCONFIG);
  }

  /** One file per arch. */
  List<RenderedFile> arches() {
    List<RenderedFile> files = new ArrayList<>();
    archProfiles().forEach(p -> files.add(arch(p)));
    return files;
  }

  private RenderedFile arch(Profile arch) {
    CWriter w = new CWriter();
    Set<String> selected = selections(arch);
    header(w, "The options profile " + arch.name().text() + " selects.");
    for (ResolvedProfile other : checked.profiles()) {
      Profile p = other.profile();
      if (!p.equals(arch) && archOf(p).equals(arch)) {
        Set<String> own = selections(p);
        w.line(
            "# Profile "
                + p.name().text()
                + " (a kind of VM of "
                + arch.name().text()
                + ") "
                + (own.equals(selected) ? "selects the same." : "selects " + own + " instead."));
      }
    }
    w.blank();
    w.line("config KVM");
    w.line("\ttristate \"Kernel-based Virtual Machine (KVM) support\"");
    selected.forEach(s -> w.line("\tselect " + s));
    return w.file("arch/" + arch.name().text() + "/kvm/Kconfig");
  }

  /** The options a profile selects: its parents' selections and its own, less those it drops. */
  public Set<String> selections(Profile profile) {
    Set<String> selected =
        profile
            .parent()
            .flatMap(p -> spec.profile(p.text()))
            .map(this::selections)
            .orElseGet(LinkedHashSet::new);
    profile.selects().forEach(s -> selected.add(s.text()));
    profile.unselects().forEach(s -> selected.remove(s.text()));
    return selected;
  }

  /** The topmost concrete profile a concrete profile extends, or itself. */
  public Profile archOf(Profile profile) {
    Optional<Profile> parent = profile.parent().flatMap(p -> spec.profile(p.text()));
    return parent.filter(p -> !p.isAbstract()).map(this::archOf).orElse(profile);
  }

  private void defaults(CWriter w, Expr value) {
    defaultLines(value).forEach(d -> w.line("\tdefault " + d));
  }

  /**
   * A default as Kconfig writes it: a conditional becomes {@code default A if C} then the rest; a
   * false bool is Kconfig's own default and is left out.
   */
  public static List<String> defaultLines(Expr value) {
    List<String> lines = new ArrayList<>();
    Expr rest = value;
    while (rest instanceof Expr.Conditional c) {
      lines.add(kconfig(c.then()) + " if " + kconfig(c.condition()));
      rest = c.otherwise();
    }
    if (!(rest instanceof Expr.BoolLit b && !b.value())) {
      lines.add(kconfig(rest));
    }
    return lines;
  }

  /** The arch profiles: the concrete ones that extend no concrete profile. */
  public List<Profile> archProfiles() {
    return checked.profiles().stream()
        .map(ResolvedProfile::profile)
        .filter(p -> archOf(p).equals(p))
        .toList();
  }

  /** An expression in Kconfig's syntax: y and n, = for ==. */
  public static String kconfig(Expr e) {
    if (e instanceof Expr.BoolLit b) {
      return b.value() ? "y" : "n";
    } else if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NOT) {
      String inner = kconfig(u.operand());
      return u.operand() instanceof Expr.Binary ? "!(" + inner + ")" : "!" + inner;
    } else if (e instanceof Expr.Binary b) {
      String op = b.op() == Expr.BinaryOp.EQ ? "=" : b.op().symbol();
      return operand(b.left()) + " " + op + " " + operand(b.right());
    }
    return e.toString();
  }

  private static String operand(Expr e) {
    return e instanceof Expr.Binary || e instanceof Expr.Conditional
        ? "(" + kconfig(e) + ")"
        : kconfig(e);
  }

  private void header(CWriter w, String what) {
    w.line(
        "# Rendered by walkspec from a walk spec. Do not edit: change the spec and render again.");
    w.line("# " + what);
  }
}
