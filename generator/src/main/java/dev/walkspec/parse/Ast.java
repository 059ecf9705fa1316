package dev.walkspec.parse;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.diag.Pos;
import dev.walkspec.model.Decls.Assignment;
import dev.walkspec.model.Decls.Callback;
import dev.walkspec.model.Decls.CallbackSlot;
import dev.walkspec.model.Decls.ConfigOption;
import dev.walkspec.model.Decls.HandlerKind;
import dev.walkspec.model.Decls.Obligation;
import dev.walkspec.model.Decls.Profile;
import dev.walkspec.model.Decls.TypedName;
import dev.walkspec.model.Name;
import dev.walkspec.model.Rule;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The syntax of one spec file, with positions: what the parse stage hands to the model stage.
 * Unlike the model, it still holds imports, {@code refine} markers and {@code drop} items.
 */
@API(status = INTERNAL)
public final class Ast {
  private Ast() {}

  public record SpecFile(String file, List<Import> imports, List<Decl> decls) {
    public SpecFile {
      imports = List.copyOf(imports);
      decls = List.copyOf(decls);
    }
  }

  public record Import(String path, Pos pos) {}

  /** A top-level declaration; {@code refine} ones change a declaration made earlier. */
  public sealed interface Decl {
    boolean refine();

    Name name();

    /** The keyword that declares it, for messages ("duplicate walker 'x'"). */
    String kind();
  }

  /** For a refinement, absent parts keep the refined option's values. */
  public record ConfigDecl(boolean refine, ConfigOption option) implements Decl {
    @Override
    public Name name() {
      return option.name();
    }

    @Override
    public String kind() {
      return "config option";
    }
  }

  public record HandlerKindDecl(boolean refine, HandlerKind handlerKind) implements Decl {
    @Override
    public Name name() {
      return handlerKind.name();
    }

    @Override
    public String kind() {
      return "handler kind";
    }
  }

  public record CallbackDecl(boolean refine, Callback callback) implements Decl {
    @Override
    public Name name() {
      return callback.name();
    }

    @Override
    public String kind() {
      return "callback";
    }
  }

  public record WalkerDecl(boolean refine, Name name, List<WalkerItem> items, Pos pos)
      implements Decl {
    public WalkerDecl {
      items = List.copyOf(items);
    }

    @Override
    public String kind() {
      return "walker";
    }
  }

  /** The parts of a walker block, in the order written. */
  public sealed interface WalkerItem {}

  public record Inputs(List<TypedName> inputs) implements WalkerItem {
    public Inputs {
      inputs = List.copyOf(inputs);
    }
  }

  public record Flags(List<Name> flags) implements WalkerItem {
    public Flags {
      flags = List.copyOf(flags);
    }
  }

  public record Callbacks(List<CallbackSlot> slots) implements WalkerItem {
    public Callbacks {
      slots = List.copyOf(slots);
    }
  }

  public record DropRule(Name id, Pos pos) implements WalkerItem {}

  public record DropFlag(Name flag, Pos pos) implements WalkerItem {}

  public record RuleItem(Rule rule) implements WalkerItem {}

  /** An operation; a refinement has only an id and items. */
  public record OperationDecl(
      boolean refine,
      Name id,
      Optional<Name> label,
      List<TypedName> params,
      Optional<Name> walker,
      List<OperationItem> items,
      Pos pos)
      implements Decl {
    public OperationDecl {
      params = List.copyOf(params);
      items = List.copyOf(items);
    }

    @Override
    public Name name() {
      return id;
    }

    @Override
    public String kind() {
      return "operation";
    }
  }

  public sealed interface OperationItem {}

  public record Assign(Assignment assignment) implements OperationItem {}

  public record DropAssign(Name target) implements OperationItem {}

  public record OperationDoc(String doc) implements OperationItem {}

  public record ProfileDecl(boolean refine, Profile profile) implements Decl {
    @Override
    public Name name() {
      return profile.name();
    }

    @Override
    public String kind() {
      return "profile";
    }
  }

  public record ObligationDecl(boolean refine, Obligation obligation) implements Decl {
    @Override
    public Name name() {
      return obligation.id();
    }

    @Override
    public String kind() {
      return "obligation";
    }
  }
}
