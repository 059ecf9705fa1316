package dev.walkspec.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Traces worked out by hand from the reference rules, one rule at a time. Layout used below unless
 * said otherwise: slot 1 at hva 0x10000 (gfn 0..3, 4 pages) and slot 2 aliasing its first page (gfn
 * 100); address space 1 holds slot 7 at hva 0x11000 (gfn 50..51).
 */
class InterpreterTest {
  private static final String SPACE0 =
      "{\"slots\":[{\"id\":1,\"base_gfn\":0,\"npages\":4,\"userspace_addr\":65536},"
          + "{\"id\":2,\"base_gfn\":100,\"npages\":1,\"userspace_addr\":65536}]}";
  private static final String SPACE1 =
      "{\"slots\":[{\"id\":7,\"base_gfn\":50,\"npages\":2,\"userspace_addr\":69632}]}";

  /** Both address spaces on x86, the first only on the one-space profiles. */
  private static String layout(String arch) {
    String spaces = arch.equals("x86") ? SPACE0 + "," + SPACE1 : SPACE0;
    return "\"address_spaces\":[" + spaces + "]";
  }

  private static String trace(String spec, String scenario) {
    return new Interpreter(Specs.bundled(spec)).run(ScenarioJson.read(scenario, "t")).text();
  }

  private static String explicit(String arch, String inputs, long start, long end, String results) {
    return "{\"arch\":\""
        + arch
        + "\",\"inputs\":{"
        + inputs
        + "},\"range\":{\"start\":"
        + start
        + ",\"end\":"
        + end
        + "},"
        + layout(arch)
        + ",\"handler_results\":["
        + results
        + "]}";
  }

  private static String op(String arch, String operation, long start, long end, String results) {
    return "{\"arch\":\""
        + arch
        + "\",\"operation\":\""
        + operation
        + "\",\"range\":{\"start\":"
        + start
        + ",\"end\":"
        + end
        + "},"
        + layout(arch)
        + ",\"handler_results\":["
        + results
        + "]}";
  }

  @Test
  void W1a_an_empty_range_warns_and_touches_nothing() {
    assertThat(trace("kvm.walk", op("x86", "C1", 70000, 70000, "")))
        .isEqualTo("WARN W1a\nRESULT ret=false found_memslot=false\n");
  }

  @Test
  void W1b_no_handler_and_no_on_lock_warns() {
    String in = "\"handler\":false,\"on_lock\":false";
    assertThat(trace("kvm.walk", explicit("x86", in, 65536, 65537, "")))
        .isEqualTo("WARN W1b\nRESULT ret=false found_memslot=false\n");
  }

  @Test
  void W1c_a_lockless_walk_with_on_lock_warns() {
    String in = "\"lockless\":true,\"handler\":true,\"on_lock\":true";
    assertThat(trace("kvm.walk", explicit("x86", in, 65536, 65537, "")))
        .isEqualTo("WARN W1c\nRESULT ret=false found_memslot=false\n");
  }

  @Test
  void W7_no_slot_hit_takes_no_lock() {
    assertThat(trace("kvm.walk", op("arm64", "C4", 4096, 8192, "")))
        .isEqualTo("SRCU_LOCK\nSRCU_UNLOCK\nRESULT ret=false found_memslot=false\n");
  }

  /** W6: one byte of host memory is exactly one guest page; W4: aliases are both called. */
  @Test
  void W6_a_one_byte_range_is_one_gfn_and_W4_visits_every_alias() {
    assertThat(trace("kvm.walk", op("arm64", "C5", 65536 + 5, 0, "false,true")))
        .isEqualTo(
            """
            SRCU_LOCK
            LOCK write
            CALL as=0 slot=1 gfn=[0,1) -> false
            CALL as=0 slot=2 gfn=[100,101) -> true
            UNLOCK write
            SRCU_UNLOCK
            RESULT ret=true found_memslot=true
            """);
  }

  /** W5/W6: a range starting one byte into page 1 and ending one byte into page 2 covers both. */
  @Test
  void W6_rounds_the_start_down_and_the_end_up() {
    assertThat(trace("kvm.walk", op("riscv", "C4", 65536 + 4096 + 1, 65536 + 8192 + 1, "")))
        .isEqualTo(
            """
            SRCU_LOCK
            LOCK spin
            CALL as=0 slot=1 gfn=[1,3) -> false
            UNLOCK spin
            SRCU_UNLOCK
            RESULT ret=false found_memslot=true
            """);
  }

  /** C1 on x86: lock once at the first hit, on_lock, calls in both spaces, flush before unlock. */
  @Test
  void C1_invalidate_range_start_on_x86() {
    assertThat(trace("kvm.walk", op("x86", "C1", 65536, 65536 + 3 * 4096, "false,false,true")))
        .isEqualTo(
            """
            SRCU_LOCK
            LOCK write
            ON_LOCK invalidate_begin
            CALL as=0 slot=1 gfn=[0,3) -> false
            CALL as=0 slot=2 gfn=[100,101) -> false
            CALL as=1 slot=7 gfn=[50,52) -> true
            FLUSH
            UNLOCK write
            SRCU_UNLOCK
            RESULT ret=true found_memslot=true
            """);
  }

  /** C2 (null handler) on x86 since v6.10 (W8): on_lock, then straight to the unlock. */
  @Test
  void W8_a_null_handler_jumps_to_the_unlock() {
    assertThat(trace("kvm.walk", op("x86", "C2", 65536, 65536 + 3 * 4096, "true")))
        .isEqualTo(
            """
            SRCU_LOCK
            LOCK write
            ON_LOCK invalidate_end
            UNLOCK write
            SRCU_UNLOCK
            RESULT ret=false found_memslot=true
            """);
  }

  /** V2: `break` leaves only address space 0; the stub is called for slot 7 of space 1. */
  @Test
  void V2_calls_the_null_stub_in_the_next_address_space() {
    assertThat(
            trace("v2-null-handler-break.walk", op("x86", "C2", 65536, 65536 + 3 * 4096, "true")))
        .isEqualTo(
            """
            SRCU_LOCK
            LOCK write
            ON_LOCK invalidate_end
            CALL as=1 slot=7 gfn=[50,52) -> true
            UNLOCK write
            SRCU_UNLOCK
            RESULT ret=true found_memslot=true
            """);
  }

  /** C3 on x86: lockless (no LOCK), and ELIDE_TLB_FLUSH_IF_YOUNG means no flush although young. */
  @Test
  void C3_on_x86_is_lockless_and_does_not_flush() {
    assertThat(trace("kvm.walk", op("x86", "C3", 65536, 65537, "true")))
        .isEqualTo(
            """
            SRCU_LOCK
            CALL as=0 slot=1 gfn=[0,1) -> true
            CALL as=0 slot=2 gfn=[100,101) -> false
            SRCU_UNLOCK
            RESULT ret=true found_memslot=true
            """);
  }

  @Test
  void V4_aged_under_the_write_lock_on_x86() {
    assertThat(trace("v4-v6.14-locked-aging.walk", op("x86", "C4", 65536, 65537, "")))
        .startsWith("SRCU_LOCK\nLOCK write\nCALL as=0 slot=1");
  }

  @Test
  void V6_a_lockless_walk_stops_at_the_first_young_result() {
    assertThat(
            trace("v6-stop-on-young.walk", op("x86", "C4", 65536, 65536 + 8192, "true,true,true")))
        .isEqualTo(
            """
            SRCU_LOCK
            CALL as=0 slot=1 gfn=[0,2) -> true
            SRCU_UNLOCK
            RESULT ret=true found_memslot=true
            """);
  }

  @Test
  void V7_a_negative_result_ends_the_walk_is_returned_and_is_not_flushed() {
    assertThat(trace("v7-int-results.walk", op("arm64", "C1", 65536, 65537, "1,-12,1")))
        .isEqualTo(
            """
            SRCU_LOCK
            LOCK write
            ON_LOCK invalidate_begin
            CALL as=0 slot=1 gfn=[0,1) -> 1
            CALL as=0 slot=2 gfn=[100,101) -> -12
            UNLOCK write
            SRCU_UNLOCK
            RESULT ret=-12 found_memslot=true
            """);
  }

  @Test
  void aging_under_the_read_lock_reads_on_rwlock_arches_and_spins_on_spinlock_ones() {
    assertThat(trace("hypo-aging-read-lock.walk", op("x86", "C4", 69632, 69633, "")))
        .contains("LOCK read\n")
        .contains("UNLOCK read\n");
    assertThat(trace("hypo-aging-read-lock.walk", op("riscv", "C4", 69632, 69633, "")))
        .contains("LOCK spin\n");
  }

  @Test
  void flushing_after_the_unlock_puts_FLUSH_after_UNLOCK() {
    assertThat(trace("hypo-flush-after-unlock.walk", op("arm64", "C1", 65536, 65537, "true")))
        .contains("UNLOCK write\nFLUSH\nSRCU_UNLOCK\n");
  }

  @Test
  void a_scenario_that_does_not_fit_the_spec_is_refused_with_its_key() {
    assertThatThrownBy(
            () -> trace("kvm.walk", op("arm64", "C1", 65536, 65537, "").replace("arm64", "arm32")))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("arch: unknown profile 'arm32'");
    String twoSpaces = op("x86", "C4", 65536, 65537, "").replace("x86", "arm64");
    assertThatThrownBy(() -> trace("kvm.walk", twoSpaces))
        .hasMessage("address_spaces: profile arm64 has 1 address space(s), the scenario gives 2");
    String lockless = explicit("x86", "\"lockless\":true,\"handler\":true", 65536, 65537, "");
    assertThatThrownBy(() -> trace("v4-v6.14-locked-aging.walk", lockless))
        .hasMessageStartingWith("inputs.lockless: walker hva_range has no such flag");
    // An unknown operation is refused each time it is asked for (it is not remembered).
    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> trace("kvm.walk", op("x86", "C99", 65536, 65537, "")))
          .isInstanceOf(ScenarioException.class)
          .hasMessageStartingWith(
              "operation: unknown operation 'C99'; the spec has C1 invalidate_range_start,");
    }
    String fixedFlag =
        op("x86", "C1", 65536, 65537, "")
            .replace("\"operation\":\"C1\"", "\"operation\":\"C1\",\"inputs\":{\"lockless\":true}");
    assertThatThrownBy(() -> trace("kvm.walk", fixedFlag))
        .isInstanceOf(ScenarioException.class)
        .hasMessage(
            "inputs.lockless: operation C1 fixes this flag; only its param flags [may_block] can be"
                + " given");
  }
}
