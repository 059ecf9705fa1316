package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.IntGfnHandler;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.OnLockCallback;
import dev.walkspec.runtime.trace.TraceSink;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What a walker under test is built with: the world, the scripted handler (bool or int view), an
 * on_lock callback, the V2 null-handler stub (scripted like a handler: its "garbage" result comes
 * from the scenario), and the trace sink.
 */
@API(status = EXPERIMENTAL)
public record WalkerContext(
    Kvm kvm,
    Map<String, Boolean> config,
    boolean handlerPresent,
    boolean onLockPresent,
    GfnHandler handler,
    IntGfnHandler intHandler,
    OnLockCallback onLock,
    GfnHandler nullStub,
    IntGfnHandler intNullStub,
    TraceSink trace) {}
