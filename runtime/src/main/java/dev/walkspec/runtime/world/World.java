package dev.walkspec.runtime.world;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.IntGfnHandler;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.arch.Mmus;
import dev.walkspec.runtime.gmem.GuestMemfd;
import dev.walkspec.runtime.memslot.MemslotStore;
import dev.walkspec.runtime.memslot.SlotSet;
import dev.walkspec.runtime.mmu.AddressSpaceMmu;
import dev.walkspec.runtime.mmu.InvalidationState;
import dev.walkspec.runtime.mmu.MmuContext;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.sched.Blocked;
import dev.walkspec.runtime.sched.Op;
import dev.walkspec.runtime.sched.Scheduler;
import dev.walkspec.runtime.sched.Shared;
import dev.walkspec.runtime.sync.MmuLockImpl;
import dev.walkspec.runtime.sync.RcuDomain;
import dev.walkspec.runtime.sync.SleepGuard;
import dev.walkspec.runtime.sync.SrcuDomain;
import dev.walkspec.runtime.trace.WorldEvent;
import dev.walkspec.runtime.trace.WorldEventSink;
import dev.walkspec.runtime.vcpu.Vcpu;
import dev.walkspec.runtime.vcpu.VcpuEnv;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * The simulated VM: memslots, the MMU lock, RCU and SRCU, page tables, vCPUs and the invalidation
 * bookkeeping of one arch profile. Walkers and handlers see it as {@link Kvm}; tests and the
 * explorer also use the setup methods here (slots, vCPUs, internals).
 */
@API(status = INTERNAL)
public final class World implements Kvm, Shared {
  private final ArchProfile profile;
  private final Mmus mmuSetup;
  private final Scheduler sched;
  private final WorldEventSink events;
  private final MmuLockImpl lock;
  private final RcuDomain rcu;
  private final SrcuDomain srcu;
  private final SleepGuard guard;
  private final MemslotStore memslots;
  private final MmuContext mmuContext;
  private final List<AddressSpaceMmu> mmus;
  private final InvalidationState invalidation;
  private final List<Vcpu> vcpus;
  private final AtomicLong flushes = new AtomicLong();
  private final boolean mirroredTdp;
  private final List<GuestMemfd> gmems = new CopyOnWriteArrayList<>();

  private World(Builder builder) {
    this.profile = builder.profile;
    this.mmuSetup = builder.mmus;
    this.mirroredTdp = builder.mirroredTdp;
    if (mirroredTdp && mmuSetup != Mmus.TDP) {
      throw new IllegalArgumentException(
          "a VM with mirrored TDP (TDX) has the TDP MMU alone, not the " + mmuSetup.describe());
    }
    this.sched = builder.scheduler;
    this.events = builder.events;
    this.lock = new MmuLockImpl(profile.lockKind(), sched, events);
    this.rcu = new RcuDomain(sched, events);
    this.guard = rcu.guard();
    this.srcu = new SrcuDomain(sched, events, guard);
    this.memslots = new MemslotStore(profile.addressSpaces(), srcu, sched, events);
    this.mmuContext =
        new MmuContext(
            profile.codec(), lock, rcu, sched, events, profile.levels(), profile.maxHugeLevel());
    List<AddressSpaceMmu> spaces = new ArrayList<>();
    for (int as = 0; as < profile.addressSpaces(); as++) {
      spaces.add(new AddressSpaceMmu(as, mmuContext, mmuSetup));
    }
    this.mmus = List.copyOf(spaces);
    this.invalidation = new InvalidationState(lock, sched, events);
    VcpuEnv env =
        new VcpuEnv(
            memslots,
            srcu,
            rcu,
            lock,
            invalidation,
            mmus,
            profile.codec(),
            profile.faultLockMode(),
            builder.hugePages ? profile.maxHugeLevel() : 1,
            profile.levels(),
            sched,
            events);
    List<Vcpu> created = new ArrayList<>();
    for (int i = 0; i < builder.vcpus; i++) {
      created.add(new Vcpu(i, env));
    }
    this.vcpus = List.copyOf(created);
    if (profile.coherentZap()) {
      // s390: a zap purges the translation from every vCPU's TLB itself (H12 without a flush).
      mmuContext.setCoherentPurge(
          () -> {
            for (Vcpu vcpu : vcpus) {
              vcpu.tlb().flushAll();
            }
          });
    }
    withExclusiveLock(
        () -> {
          for (AddressSpaceMmu mmu : mmus) {
            if (mmuSetup.tdp()) {
              mmu.newRoot();
            }
            if (mirroredTdp) {
              mmu.newMirrorRoot();
            }
            if (mmuSetup.shadow()) {
              mmu.newShadowRoot();
            }
          }
        });
  }

  public static Builder builder(ArchProfile profile) {
    return new Builder(profile);
  }

  /** Options of a world. */
  public static final class Builder {
    private final ArchProfile profile;
    private Scheduler scheduler = Scheduler.production();
    private WorldEventSink events = WorldEventSink.OFF;
    private int vcpus = 1;
    private boolean hugePages = true;
    private Mmus mmus = Mmus.TDP;
    private boolean mirroredTdp;

    private Builder(ArchProfile profile) {
      this.profile = Objects.requireNonNull(profile, "arch profile");
    }

    /** Production (default) or an exploring scheduler. */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    public Builder worldEvents(WorldEventSink sink) {
      this.events = Objects.requireNonNull(sink, "world event sink");
      return this;
    }

    public Builder vcpus(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("vCPU count must be >= 0, got " + count);
      }
      this.vcpus = count;
      return this;
    }

    /**
     * Which page-table structures the VM has (default {@link Mmus#TDP}: the only one of every arch
     * but x86, and x86's TDP MMU in a VM without a nested guest).
     */
    public Builder mmus(Mmus setup) {
      this.mmus = Objects.requireNonNull(setup, "page-table structures");
      return this;
    }

    /**
     * Whether the VM has mirrored TDP (default false): an x86 TDX VM, each of whose address spaces
     * gets a mirror root for private memory beside its direct root. Needs {@link Mmus#TDP}.
     */
    public Builder mirroredTdp(boolean enabled) {
      this.mirroredTdp = enabled;
      return this;
    }

    /** Whether faults may install huge mappings (default true). */
    public Builder hugePages(boolean enabled) {
      this.hugePages = enabled;
      return this;
    }

    public World build() {
      return new World(this);
    }
  }

  @Override
  public String sharedName() {
    return "kvm";
  }

  public ArchProfile profile() {
    return profile;
  }

  public Scheduler scheduler() {
    return sched;
  }

  /** The page-table structures of this VM. */
  public Mmus mmus() {
    return mmuSetup;
  }

  @Override
  public boolean mirroredTdp() {
    return mirroredTdp;
  }

  /**
   * Creates a guest_memfd instance of this VM, with or without GUEST_MEMFD_FLAG_INIT_SHARED; its
   * index in {@link #guestMemfds()} is its id. Setup only (bindings are made before actors run).
   */
  public GuestMemfd createGuestMemfd(boolean initShared) {
    GuestMemfd gmem = new GuestMemfd(gmems.size(), initShared);
    gmems.add(gmem);
    return gmem;
  }

  /** The guest_memfd instance {@code id}. */
  public GuestMemfd guestMemfd(int id) {
    if (id < 0 || id >= gmems.size()) {
      throw new IllegalArgumentException(
          "no guest_memfd " + id + " (this VM has " + gmems.size() + ")");
    }
    return gmems.get(id);
  }

  /** Every guest_memfd instance of this VM, in order of creation. */
  public List<GuestMemfd> guestMemfds() {
    return List.copyOf(gmems);
  }

  @Override
  public int addressSpaces() {
    return profile.addressSpaces();
  }

  @Override
  public SlotSet memslots(int as) {
    return memslots.read(as);
  }

  public MemslotStore memslotStore() {
    return memslots;
  }

  @Override
  public MmuLockImpl mmuLock() {
    return lock;
  }

  @Override
  public SrcuDomain srcu() {
    return srcu;
  }

  @Override
  public RcuDomain rcu() {
    return rcu;
  }

  @Override
  public AddressSpaceMmu mmu(int as) {
    if (as < 0 || as >= mmus.size()) {
      throw new IllegalArgumentException(
          "address space " + as + " does not exist (this VM has " + mmus.size() + ")");
    }
    return mmus.get(as);
  }

  public MmuContext mmuContext() {
    return mmuContext;
  }

  @Override
  public InvalidationState invalidation() {
    return invalidation;
  }

  @Override
  public EntryCodec codec() {
    return profile.codec();
  }

  public Vcpu vcpu(int index) {
    return vcpus.get(index);
  }

  public List<Vcpu> vcpus() {
    return vcpus;
  }

  /** Number of remote TLB flushes so far. */
  public long tlbFlushes() {
    return flushes.get();
  }

  @Override
  public void flushRemoteTlbs() {
    for (Vcpu vcpu : vcpus) {
      sched.yieldPoint(Op.TLB_FLUSH, vcpu.tlb(), -1);
      vcpu.tlb().flushAll();
    }
    mmuContext.tlbsFlushed();
    flushes.incrementAndGet();
    if (events.enabled()) {
      events.emit(new WorldEvent.TlbFlush(Actor.current().name()));
    }
  }

  @Override
  public void mightSleep() {
    guard.mightSleep("might_sleep");
  }

  @Override
  public void condResched() {
    guard.mightSleep("cond_resched");
    sched.yieldPoint(Op.RESCHED, this, -1);
  }

  @Override
  public void condReschedMmuLock() {
    Actor me = Actor.current();
    LockMode mode = lock.heldMode();
    if (mode == null) {
      throw new RuleViolation(
          "H1",
          "cond_resched on the MMU lock requires holding it, but actor '"
              + me.name()
              + "' holds nothing");
    }
    if (me.nonBlockable()) {
      throw new RuleViolation(
          "H8",
          "cond_resched on the MMU lock may sleep, but actor '"
              + me.name()
              + "' is in a non-blockable context (may_block false, or lockless)");
    }
    if (rcu.inReadSection(me)) {
      throw new RuleViolation(
          "H8",
          "cond_resched on the MMU lock may sleep, but actor '"
              + me.name()
              + "' is inside an RCU read section");
    }
    long unflushed = mmuContext.unflushedZaps(me);
    if (unflushed > 0) {
      // The kernel flushes before it yields (tdp_mmu_iter_cond_resched, the rmap walk): whoever
      // takes the lock next must not find entries zapped while vCPUs may still use them.
      throw new RuleViolation(
          "H12",
          "actor '"
              + me.name()
              + "' gives up the MMU lock with "
              + unflushed
              + " zapped entr"
              + (unflushed == 1 ? "y" : "ies")
              + " not yet flushed from remote TLBs: flush before yielding");
    }
    mmuContext.lockOffered();
    lock.release(mode);
    sched.yieldPoint(Op.RESCHED, this, -1);
    lock.acquire(mode);
  }

  @Override
  public boolean callHandler(GfnHandler handler, GfnRange range) {
    return callHandler(handler, range, HandlerCall.enter(this, range));
  }

  /**
   * {@link #callHandler(GfnHandler, GfnRange)} for the guest_memfd invalidation, which walks the
   * bindings of {@code gmem} instead of the memslots: no SRCU read section is needed (the binding
   * keeps the slot, W2), but the range's slot must be bound to {@code gmem}, and every other check
   * of a locked call applies.
   */
  public boolean callBindingHandler(GfnHandler handler, GfnRange range, GuestMemfd gmem) {
    boolean bound = gmem.bindings().stream().anyMatch(b -> b.slot().equals(range.slot()));
    if (!bound) {
      throw new RuleViolation(
          "W4", "the handler's slot " + range.slot() + " is not bound to " + gmem);
    }
    return callHandler(handler, range, HandlerCall.enter(this, range, false));
  }

  private boolean callHandler(GfnHandler handler, GfnRange range, HandlerCall call) {
    if (events.enabled()) {
      announce(range);
    }
    long readTakes = lock.locklessReadTakes();
    boolean result;
    try {
      result = handler.handle(this, range);
    } finally {
      call.leaveContext();
      noteLocklessReadLock(handler, range, readTakes);
    }
    call.checkBalanced();
    return result;
  }

  /** H1 allows a lockless handler the read lock; the conform report notes it (advisory). */
  private void noteLocklessReadLock(Object handler, GfnRange range, long readTakesBefore) {
    if (range.lockless() && lock.locklessReadTakes() > readTakesBefore) {
      LocklessReadLocks.record(handler.getClass().getName());
    }
  }

  @Override
  public int callIntHandler(IntGfnHandler handler, GfnRange range) {
    HandlerCall call = HandlerCall.enter(this, range);
    if (events.enabled()) {
      announce(range);
    }
    long readTakes = lock.locklessReadTakes();
    int result;
    try {
      result = handler.handle(this, range);
    } finally {
      call.leaveContext();
      noteLocklessReadLock(handler, range, readTakes);
    }
    call.checkBalanced();
    return result;
  }

  private void announce(GfnRange range) {
    events.emit(
        new WorldEvent.HandlerCall(
            Actor.current().name(),
            range.slot().addressSpace(),
            range.slot().id(),
            range.start(),
            range.end(),
            range.lockless(),
            range.mayBlock()));
  }

  /** Adds a slot (create). */
  public MemSlot createSlot(MemSlot slot) {
    checkSlotFits(slot);
    AddressSpaceMmu mmu = mmu(slot.addressSpace());
    mmu.addRmap(slot);
    try {
      updateSlots(
          slot.addressSpace(),
          slots -> {
            slots.add(slot);
            return slots;
          });
    } catch (RuntimeException | Error e) {
      mmu.removeRmap(slot);
      throw e;
    }
    return slot;
  }

  /** Removes a slot, then zaps what mapped it in every root and flushes TLBs. */
  public void deleteSlot(int as, int id) {
    MemSlot[] removed = new MemSlot[1];
    updateSlots(
        as,
        slots -> {
          removed[0] = find(slots, as, id);
          slots.remove(removed[0]);
          return slots;
        });
    forget(removed[0]);
  }

  /** Moves a slot to a new base gfn; the old gfns are zapped. */
  public MemSlot moveSlot(int as, int id, long newBaseGfn) {
    MemSlot[] old = new MemSlot[1];
    MemSlot[] moved = new MemSlot[1];
    updateSlots(
        as,
        slots -> {
          old[0] = find(slots, as, id);
          moved[0] =
              new MemSlot(
                  as, id, newBaseGfn, old[0].npages(), old[0].userspaceAddr(), old[0].flags());
          checkSlotFits(moved[0]);
          mmu(as).addRmap(moved[0]);
          slots.remove(old[0]);
          slots.add(moved[0]);
          return slots;
        });
    forget(old[0]);
    return moved[0];
  }

  /** Runs every queued RCU callback after its grace period (frees and poisons tables). */
  public void quiesce() {
    rcu.barrier();
  }

  /** Runs {@code action} with the MMU lock held in the walk's (exclusive) mode. */
  public void withExclusiveLock(Runnable action) {
    LockMode mode = profile.lockKind().exclusiveMode();
    lock.acquire(mode);
    try {
      action.run();
    } finally {
      lock.release(mode);
    }
  }

  private void updateSlots(int as, UnaryOperator<List<MemSlot>> change) {
    memslots.update(as, change, this::publishWhenNoInvalidation);
  }

  /** Memslot updates wait while an invalidation is in progress (C1/C2 see the same slots). */
  private void publishWhenNoInvalidation(Runnable publish) {
    LockMode mode = profile.lockKind().exclusiveMode();
    lock.acquire(mode);
    try {
      int attempt = 0;
      while (invalidation.inProgressNow() > 0) {
        lock.release(mode);
        sched.block(
            new Blocked(
                Op.MEMSLOT_PUBLISH,
                invalidation,
                List.of(),
                () -> invalidation.inProgressNow() == 0),
            attempt++);
        lock.acquire(mode);
      }
      publish.run();
    } finally {
      lock.release(mode);
    }
  }

  private void forget(MemSlot slot) {
    AddressSpaceMmu mmu = mmu(slot.addressSpace());
    withExclusiveLock(
        () -> {
          mmu.zapGfnRange(slot.baseGfn(), slot.gfnEnd());
          flushRemoteTlbs();
        });
    mmu.removeRmap(slot);
  }

  private static MemSlot find(List<MemSlot> slots, int as, int id) {
    for (MemSlot slot : slots) {
      if (slot.id() == id) {
        return slot;
      }
    }
    throw new IllegalArgumentException("no slot " + id + " in address space " + as);
  }

  private void checkSlotFits(MemSlot slot) {
    if (slot.addressSpace() >= profile.addressSpaces()) {
      throw new IllegalArgumentException(
          "slot "
              + slot.id()
              + " names address space "
              + slot.addressSpace()
              + ", but profile "
              + profile.name()
              + " has "
              + profile.addressSpaces());
    }
    if (slot.gfnEnd() > profile.gfnLimit()) {
      throw new IllegalArgumentException(
          "slot "
              + slot.id()
              + " ends at gfn "
              + slot.gfnEnd()
              + ", beyond what "
              + profile.levels()
              + "-level tables map ("
              + profile.gfnLimit()
              + ")");
    }
  }

  Actor currentActor() {
    return Actor.current();
  }
}
