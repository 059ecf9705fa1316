package dev.walkspec.emit.c;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.model.Decls.Operation;
import dev.walkspec.model.Spec;
import dev.walkspec.model.Walker;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Renders a checked spec as kernel C and Kconfig, laid out as in a kernel tree: {@code
 * include/linux/kvm_host.h} and {@code virt/kvm/kvm_main.c} hold the parts of those files that the
 * spec states (each file a fragment, not the whole file), {@code virt/kvm/Kconfig} the options and
 * {@code arch/ARCH/kvm/Kconfig} each arch's selections. Deterministic: the same spec gives the same
 * bytes.
 */
@API(status = INTERNAL)
public final class CRenderer {
  private CRenderer() {}

  public static CRendering render(CheckedSpec checked) {
    Spec spec = checked.spec();
    List<WalkContext> walks =
        checked.notifierWalkers().stream().map(w -> WalkContext.of(spec, w)).toList();
    List<RenderedFile> files = new ArrayList<>();
    files.add(header(spec, walks));
    files.add(main(spec, walks));
    KconfigRenderer kconfig = new KconfigRenderer(checked);
    files.add(kconfig.options());
    files.addAll(kconfig.arches());
    return new CRendering(spec.name(), files);
  }

  private static RenderedFile header(Spec spec, List<WalkContext> walks) {
    CWriter w = new CWriter();
    intro(
        w,
        spec,
        CRendering.KVM_HOST,
        "what a handler receives (W6, W13), and the prototypes of"
            + " the handlers and on_lock callbacks the callers name.");
    TypesRenderer.gfnRange(w, walks);
    TypesRenderer.prototypes(w, spec);
    return w.file(CRendering.KVM_HOST);
  }

  private static RenderedFile main(Spec spec, List<WalkContext> walks) {
    CWriter w = new CWriter();
    intro(
        w,
        spec,
        CRendering.KVM_MAIN,
        "the range structure the callers fill in, the walk (rules"
            + " W1-W13, each group of statements citing its rule) and one caller per operation.");
    for (WalkContext ctx : walks) {
      TypesRenderer.walkTypes(w, ctx);
      new WalkRenderer(ctx).render(w);
      w.noRule().blank();
      CallerRenderer callers = new CallerRenderer(spec, ctx);
      for (Operation op : operationsOf(spec, ctx.walker())) {
        callers.render(w, op);
      }
    }
    return w.file(CRendering.KVM_MAIN);
  }

  private static List<Operation> operationsOf(Spec spec, Walker walker) {
    return spec.operations().stream()
        .filter(o -> o.walker().text().equals(walker.name().text()))
        .toList();
  }

  private static void intro(CWriter w, Spec spec, String path, String what) {
    w.noRule().line("/*");
    // No spec name here: two renderings then differ only where the specs do (walkspec diff --c).
    w.line(
        " * Rendered by walkspec from a walk spec. Do not edit: change the spec and render again.");
    w.line(" *");
    for (String line : Wrap.words("The parts of " + path + " that the spec states: " + what, 90)) {
      w.line(" * " + line);
    }
    w.line(" */");
    w.blank();
  }
}
