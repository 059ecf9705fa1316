package dev.walkspec.check;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.model.Rule;
import dev.walkspec.model.Walker;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Which callback slot of a walker is the handler (the one W9 combines) and which is on_lock (the
 * one W7 runs right after taking the lock). Slots get their role from the rules that use them, not
 * from their names.
 */
@API(status = INTERNAL)
public record WalkerRoles(String handlerSlot, Optional<String> onLockSlot) {

  public static WalkerRoles of(Walker walker) {
    String handler = walker.rule(Rule.Result.class).map(r -> r.handler().text()).orElse("");
    Optional<String> onLock =
        walker.rule(Rule.Lock.class).flatMap(Rule.Lock::onLock).map(n -> n.text());
    return new WalkerRoles(handler, onLock);
  }
}
