package dev.walkspec.emit;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeSpec;
import dev.walkspec.check.Binding;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.check.Obligations;
import dev.walkspec.check.ResolvedProfile;
import dev.walkspec.check.WalkerRoles;
import dev.walkspec.model.Decls;
import dev.walkspec.model.Walker;
import dev.walkspec.runtime.api.WalkResult;
import dev.walkspec.suite.Judges;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.apiguardian.api.API;

/**
 * The emit stage: from a checked spec, one walker interface per operation, one specialized walker
 * class per operation and profile, one generic walker per walker, and their conformance suites.
 * Output is sorted and carries no timestamp, so the same spec always gives the same bytes.
 */
@API(status = INTERNAL)
public final class Generator {
  public static final String GENERATOR_NAME = "dev.walkspec";

  /** Tries of the walker suites' property over large random layouts. */
  static final int WALKER_SUITE_TRIES = 60;

  private final CheckedSpec checked;
  private final GeneratorOptions options;
  private final String packageName;
  private final NameAllocator allocator = new NameAllocator();
  private final Map<String, ClassName> names = new LinkedHashMap<>();
  private final ClassName sharedImage;
  // Where the walkers and their interfaces go: beside the suites, or in the shared package.
  private final String walkerPackage;

  public Generator(CheckedSpec checked, GeneratorOptions options) {
    this(checked, options, null);
  }

  /**
   * A generator whose suites read a spec image and drive walkers in {@code sharedPackage}, which
   * other generators' suites of the same spec share, rather than ones beside them: {@code walkspec
   * conform} generates and compiles the image (the largest source of a suite) and each walker once
   * per spec instead of once per suite, and the suites' JVMs load and compile each walker once. The
   * suites then come without the image ({@link #specImage} makes it); {@link #walkers} are in the
   * shared package, the same for every generator of the spec.
   */
  public Generator(CheckedSpec checked, GeneratorOptions options, String sharedPackage) {
    this.checked = checked;
    this.options = options;
    this.packageName =
        options.basePackage() + "." + JavaNames.packageSegment(checked.spec().name());
    this.walkerPackage = sharedPackage == null ? packageName : sharedPackage;
    allocateNames();
    this.sharedImage =
        sharedPackage == null
            ? null
            : ClassName.get(sharedPackage, SpecImageEmitter.simpleName(checked.spec().name()));
  }

  public String packageName() {
    return packageName;
  }

  /**
   * Every class name, allocated once so that walkers, interfaces and suites agree, and so that two
   * spec names mapping to the same Java name get distinct ones.
   */
  private void allocateNames() {
    for (Binding binding : checked.bindings()) {
      String label = JavaNames.upperCamel(binding.operation().label().text());
      String api = "api:" + binding.operation().id().text();
      names.computeIfAbsent(api, k -> className(walkerPackage, label + "Walker", k));
      String walker = label + JavaNames.upperCamel(binding.profile().name()) + "Walker";
      allocateWalker("walker:" + binding.displayName(), walker);
      allocate("suite:" + binding.displayName(), walker + "Test");
    }
    allocate("image", SpecImageEmitter.simpleName(checked.spec().name()));
    for (Walker walker : checked.notifierWalkers()) {
      String base = JavaNames.upperCamel(walker.name().text());
      String key = walker.name().text();
      allocateWalker("generic-api:" + key, base + "Walker");
      allocateWalker("generic:" + key, "Generic" + base + "Walker");
      for (ResolvedProfile profile : checked.profiles()) {
        allocate(
            genericSuiteKey(key, profile),
            "Generic" + base + JavaNames.upperCamel(profile.name()) + "WalkerTest");
      }
    }
  }

  private void allocate(String key, String simpleName) {
    names.put(key, className(packageName, simpleName, key));
  }

  private void allocateWalker(String key, String simpleName) {
    names.put(key, className(walkerPackage, simpleName, key));
  }

  private ClassName className(String packageName, String simpleName, String key) {
    return ClassName.get(packageName, allocator.newName(simpleName, key));
  }

  private static String genericSuiteKey(String walker, ResolvedProfile profile) {
    return "generic-suite:" + walker + "[" + profile.name() + "]";
  }

  private ClassName name(String key) {
    return Objects.requireNonNull(names.get(key), key);
  }

  /** How the suites construct and call the walker generated for {@code binding}. */
  public WalkerSignature signature(Binding binding) {
    return signature(
        name("walker:" + binding.displayName()), WalkerPlan.specialized(checked, binding));
  }

  /** How the suites construct and call the generic walker of {@code walker}. */
  public WalkerSignature genericSignature(Walker walker) {
    return signature(name("generic:" + walker.name().text()), WalkerPlan.generic(checked, walker));
  }

  private static WalkerSignature signature(ClassName walker, WalkerPlan plan) {
    return new WalkerSignature(
        walker.reflectionName(),
        plan.constructorArguments().stream().map(CodeBlock::toString).toList(),
        plan.invokerArguments.stream().map(CodeBlock::toString).toList());
  }

  /** The walker sources (main code). */
  public List<GeneratedFile> walkers() {
    List<JavaFile> files = new ArrayList<>();
    Set<String> interfaces = new HashSet<>();
    for (Binding binding : selectedBindings()) {
      String op = binding.operation().id().text();
      WalkerPlan plan = WalkerPlan.specialized(checked, binding);
      ClassName api = name("api:" + op);
      if (interfaces.add(op)) {
        files.add(file(walkerPackage, walkerInterface(api, plan, operationDoc(binding))));
      }
      ClassName walker = name("walker:" + binding.displayName());
      files.add(
          file(
              walkerPackage,
              WalkerEmitter.emit(plan, walker, api, specializedDoc(binding), generated())));
    }
    for (Walker walker : checked.notifierWalkers()) {
      String key = walker.name().text();
      WalkerPlan plan = WalkerPlan.generic(checked, walker);
      ClassName api = name("generic-api:" + key);
      files.add(
          file(
              walkerPackage,
              walkerInterface(
                  api, plan, "The " + key + " walk with every input given at run time.")));
      files.add(
          file(
              walkerPackage,
              WalkerEmitter.emit(
                  plan, name("generic:" + key), api, genericDoc(walker), generated())));
    }
    return render(files);
  }

  /**
   * The spec image (test code): the class that builds this checked spec in code, which every suite
   * of the spec reads instead of parsing the spec at test time. {@link #walkerSuites} and {@link
   * #handlerSuites} include it, unless it is shared (made once, elsewhere, with this method).
   */
  public GeneratedFile specImage() {
    ClassName image = imageName();
    TypeSpec type = SpecImageEmitter.emit(image, checked, generated());
    return render(List.of(file(image.packageName(), type))).get(0);
  }

  /** Where {@link #specImage} writes the spec image, relative to the source root. */
  public String specImagePath() {
    return imageName().reflectionName().replace('.', '/') + ".java";
  }

  /** Suites with the spec image they read; no image for no suites, or when it is shared. */
  private List<GeneratedFile> withImage(List<GeneratedFile> suites) {
    if (suites.isEmpty() || sharedImage != null) {
      return suites;
    }
    List<GeneratedFile> all = new ArrayList<>(suites);
    all.add(specImage());
    all.sort(null);
    return List.copyOf(all);
  }

  private ClassName imageName() {
    return sharedImage != null ? sharedImage : name("image");
  }

  /** The walker conformance suites (test code), one per generated walker and per profile. */
  public List<GeneratedFile> walkerSuites() {
    List<JavaFile> files = new ArrayList<>();
    CodeBlock spec = SuiteEmitter.specRef(imageName(), options.specPath(), options.importPath());
    for (Binding binding : selectedBindings()) {
      files.add(
          file(
              SuiteEmitter.walkerSuite(
                  WalkerPlan.specialized(checked, binding),
                  name("suite:" + binding.displayName()),
                  name("walker:" + binding.displayName()),
                  name("api:" + binding.operation().id().text()),
                  binding.displayName(),
                  binding.operation().id().text(),
                  binding.profile().name(),
                  spec,
                  generated(),
                  WALKER_SUITE_TRIES,
                  options.propertySeed())));
    }
    for (Walker walker : checked.notifierWalkers()) {
      String key = walker.name().text();
      for (ResolvedProfile profile : genericSuiteProfiles()) {
        files.add(
            file(
                SuiteEmitter.walkerSuite(
                    WalkerPlan.generic(checked, walker),
                    name(genericSuiteKey(key, profile)),
                    name("generic:" + key),
                    name("generic-api:" + key),
                    "generic " + key + "[" + profile.name() + "]",
                    null,
                    profile.name(),
                    spec,
                    generated(),
                    WALKER_SUITE_TRIES,
                    options.propertySeed())));
      }
    }
    return withImage(render(files));
  }

  /**
   * The handler conformance suites (test code): for each operation whose handler kind has a
   * configured handler class on the profile, one suite with the obligations that apply.
   */
  public List<GeneratedFile> handlerSuites() {
    List<JavaFile> files = new ArrayList<>();
    CodeBlock spec = SuiteEmitter.specRef(imageName(), options.specPath(), options.importPath());
    NameAllocator suiteNames = new NameAllocator();
    names.values().forEach(n -> suiteNames.newName(n.simpleName(), n));
    for (Binding binding : selectedBindings()) {
      String slot = WalkerRoles.of(binding.walker()).handlerSlot();
      Optional<String> kind = binding.callback(slot);
      Optional<String> handler = kind.flatMap(k -> handlerClass(binding.profile().name(), k));
      if (handler.isEmpty()) {
        continue;
      }
      List<Decls.Obligation> obligations =
          Obligations.applying(checked, binding, kind.get()).stream()
              .filter(o -> Judges.judgedBy(o.id().text(), Judges.By.ONE_CALL))
              .toList();
      ClassName handlerClass = ClassName.bestGuess(handler.get());
      String simple =
          JavaNames.upperCamel(binding.operation().label().text())
              + JavaNames.upperCamel(binding.profile().name())
              + handlerClass.simpleName()
              + "Test";
      ClassName suite =
          ClassName.get(packageName, suiteNames.newName(simple, binding.displayName()));
      String subject = binding.displayName() + " " + handlerClass.simpleName();
      files.add(
          file(
              HandlerSuiteEmitter.emit(
                  suite,
                  handlerClass,
                  subject,
                  binding.operation().id().text(),
                  binding.profile().name(),
                  obligations,
                  options.property(options.effectiveHandlerTries()),
                  spec,
                  generated(),
                  concurrency(binding, kind.get()))));
    }
    return withImage(render(files));
  }

  private HandlerSuiteEmitter.Concurrency concurrency(Binding binding, String kind) {
    List<String> ids =
        Obligations.applying(checked, binding, kind).stream()
            .map(o -> o.id().text())
            .filter(id -> Judges.judgedBy(id, Judges.By.EXPLORED))
            .toList();
    Optional<CodeBlock> end =
        kind.equals("unmap")
            ? checked.bindings().stream()
                .filter(b -> b.profile().name().equals(binding.profile().name()))
                .filter(b -> endsInvalidation(b))
                .findFirst()
                .map(this::walkLambda)
            : Optional.empty();
    Optional<ClassName> writer =
        handlerClass(binding.profile().name(), "writer").map(ClassName::bestGuess);
    return new HandlerSuiteEmitter.Concurrency(walkLambda(binding), end, writer, ids);
  }

  /**
   * Whether the binding's on_lock callback ends an invalidation (C2): the walk an unmap handler's
   * suite runs after C1 to close the invalidation it opened (H12, H13).
   */
  public static boolean endsInvalidation(Binding b) {
    return WalkerRoles.of(b.walker())
        .onLockSlot()
        .flatMap(b::callback)
        .filter("invalidate_end"::equals)
        .isPresent();
  }

  /**
   * {@code (context, scenario) -> new XWalker(...).walk(...)}: the generated walker of a binding.
   */
  private CodeBlock walkLambda(Binding binding) {
    WalkerPlan plan = WalkerPlan.specialized(checked, binding);
    return CodeBlock.of(
        "(context, scenario) -> new $T($L).walk($L)",
        name("walker:" + binding.displayName()),
        CodeBlock.join(plan.constructorArguments(), ", "),
        CodeBlock.join(plan.invokerArguments, ", "));
  }

  /** The handler class for a kind on a profile: "profile/kind" wins over "kind". */
  Optional<String> handlerClass(String profile, String kind) {
    String specific = options.handlerClasses().get(profile + "/" + kind);
    return Optional.ofNullable(specific != null ? specific : options.handlerClasses().get(kind));
  }

  List<Binding> selectedBindings() {
    return checked.bindings().stream()
        .filter(
            b ->
                options.operations().isEmpty()
                    || options.operations().contains(b.operation().id().text())
                    || options.operations().contains(b.operation().label().text()))
        .filter(
            b -> options.profiles().isEmpty() || options.profiles().contains(b.profile().name()))
        .toList();
  }

  private List<ResolvedProfile> selectedProfiles() {
    return checked.profiles().stream()
        .filter(p -> options.profiles().isEmpty() || options.profiles().contains(p.name()))
        .toList();
  }

  /**
   * The profiles the generic walker's suite runs on: the rwlock profile with the most address
   * spaces and the first spinlock one, so both lock kinds and the second address space (W3) are
   * covered without repeating the largest scope on every profile.
   */
  private List<ResolvedProfile> genericSuiteProfiles() {
    List<ResolvedProfile> selected = selectedProfiles();
    List<ResolvedProfile> chosen = new ArrayList<>();
    selected.stream()
        .filter(ResolvedProfile::isRwlock)
        .max(Comparator.comparingInt(ResolvedProfile::addressSpaces))
        .ifPresent(chosen::add);
    selected.stream().filter(p -> !p.isRwlock()).findFirst().ifPresent(chosen::add);
    if (chosen.isEmpty() && !selected.isEmpty()) {
      chosen.add(selected.get(0));
    }
    return chosen;
  }

  private TypeSpec walkerInterface(ClassName name, WalkerPlan plan, String doc) {
    return TypeSpec.interfaceBuilder(name)
        .addModifiers(Modifier.PUBLIC)
        .addAnnotation(generated())
        .addJavadoc("$L\n", Comments.safe(doc))
        .addMethod(
            MethodSpec.methodBuilder("walk")
                .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                .returns(WalkResult.class)
                .addParameters(plan.walkParameters)
                .build())
        .build();
  }

  private String operationDoc(Binding binding) {
    return "The "
        + binding.operation().id()
        + " "
        + binding.operation().label()
        + " walk of spec "
        + checked.spec().name()
        + ", on any profile.";
  }

  private String specializedDoc(Binding binding) {
    StringBuilder doc = new StringBuilder();
    doc.append(binding.operation().id())
        .append(' ')
        .append(binding.operation().label())
        .append(" on profile ")
        .append(binding.profile().name())
        .append(", generated from spec ")
        .append(checked.spec().name())
        .append(" (walker ")
        .append(binding.walker().name())
        .append(").\n\n");
    doc.append("<p>Fixed here:");
    binding.fixedFlags().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> doc.append(' ').append(e.getKey()).append('=').append(e.getValue()).append(';'));
    binding.callbacks().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                doc.append(' ')
                    .append(e.getKey())
                    .append('=')
                    .append(e.getValue().orElse("null"))
                    .append(';'));
    doc.append(' ')
        .append(binding.profile().addressSpaces())
        .append(" address space(s); MMU lock ")
        .append(binding.profile().mmuLock())
        .append('.');
    if (!binding.paramFlags().isEmpty()) {
      doc.append(" Left to the caller: ")
          .append(String.join(", ", binding.paramFlags().stream().sorted().toList()))
          .append('.');
    }
    if (!binding.operation().doc().isEmpty()) {
      doc.append("\n\n<p>").append(binding.operation().doc());
    }
    return Comments.safe(doc.toString()) + "\n";
  }

  private String genericDoc(Walker walker) {
    return Comments.safe(
            "The "
                + walker.name()
                + " walk of spec "
                + checked.spec().name()
                + " with every flag and callback given at run time, for scenarios no operation produces."
                + " The number of address spaces and the lock kind come from the Kvm it runs on.")
        + "\n";
  }

  AnnotationSpec generated() {
    return AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
        .addMember("value", "$S", GENERATOR_NAME)
        .addMember(
            "comments",
            "$S",
            "spec " + checked.spec().name() + "; sha256 " + checked.spec().contentHash())
        .build();
  }

  private JavaFile file(TypeSpec type) {
    return file(packageName, type);
  }

  private JavaFile file(String packageName, TypeSpec type) {
    return JavaFile.builder(packageName, type)
        .skipJavaLangImports(true)
        .indent("  ")
        .addFileComment(
            "Generated by walkspec from spec $L. Do not edit: change the spec and regenerate.",
            Comments.safe(checked.spec().name()))
        .build();
  }

  static List<GeneratedFile> render(List<JavaFile> files) {
    List<GeneratedFile> out = new ArrayList<>();
    for (JavaFile file : files) {
      String path = file.packageName().replace('.', '/') + "/" + file.typeSpec().name() + ".java";
      out.add(new GeneratedFile(path, file.toString()));
    }
    out.sort(null);
    return List.copyOf(out);
  }
}
