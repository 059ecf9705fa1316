package dev.walkspec.runtime.explore;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * One row of a counterexample's step table as data, for tools (conform's JSON): the same rows the
 * text table shows, in its order, folded the same way. A row of {@link #STEP kind "step"} is one
 * step and names what it did; a {@link #FOLDED "folded"} row stands for {@code count} like steps
 * and a {@link #LEFT_OUT "left_out"} row for steps the table leaves out: those two are described by
 * their text alone (their steps differ in the numbers the text gives as ranges).
 *
 * @param step the (first) step's number, 1-based
 * @param lastStep the last step the row stands for ({@code step} for a single step)
 * @param count how many steps a folded row stands for (1 otherwise)
 * @param kind {@link #STEP}, {@link #FOLDED} or {@link #LEFT_OUT}
 * @param actor the actor's number in the scenario
 * @param actorName the actor's name, as the table's column header gives it
 * @param preemption whether another actor could have gone on when this one was picked ({@code >})
 * @param breaking whether this is the step that broke the obligation ({@code <-- Hn})
 * @param broke the obligation the step broke, or null
 * @param text the table cell, without the breaking arrow and the fold count
 * @param call the runtime call the step is part of, or null
 * @param operation the yield point's operation ({@code load}, {@code cas}, ...), or null when not a
 *     single step
 * @param resumed whether the actor retries here after having been blocked
 * @param target the object the step touched ({@code page#2}, a lock, ...), or null
 * @param entry the entry (or sub-lock) of the object, or null for the whole object
 * @param before the value read, or the one before the write ({@code 0x...}), or null
 * @param after the value written, or null (no write, or it failed)
 * @param blockedOn what the actor blocked on, or null
 * @param notes what the runtime noted at the step (may be empty)
 */
@API(status = INTERNAL)
public record StepRow(
    int step,
    int lastStep,
    int count,
    String kind,
    int actor,
    String actorName,
    boolean preemption,
    boolean breaking,
    String broke,
    String text,
    String call,
    String operation,
    boolean resumed,
    String target,
    String entry,
    String before,
    String after,
    String blockedOn,
    List<String> notes) {
  public static final String STEP = "step";
  public static final String FOLDED = "folded";
  public static final String LEFT_OUT = "left_out";

  public StepRow {
    notes = notes == null ? List.of() : List.copyOf(notes);
  }
}
