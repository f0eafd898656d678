package io.netdoctor.support;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Heap in use right after a full collection that did happen. {@code System.gc()} alone is not enough: G1 on JDK 17
 * skips it while a thread is inside a JNI critical region (JavaFX's renderer, zip inflation), and a figure read
 * after a skipped collection counts garbage (a 150,000-pod run read 1,116 MB against 720 MB after a real one).
 */
public final class HeapAfterGc {

  private HeapAfterGc() {
  }

  /** Bytes in use after a full GC; throws when none would run within a minute (the figure would say nothing). */
  public static long bytes() {
    long before = fullCollections();
    // skipped calls come in runs (one long render holds the region): ask again until one ran
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(1))
        .pollInterval(java.time.Duration.ofMillis(20)).until(() -> {
          System.gc();
          return fullCollections() > before;
        });
    System.gc(); // objects freed by the first one's reference processing (finalizers, cleaners)
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Megabytes (2^20 bytes), as the benchmarks print them. */
  public static double megabytes() {
    return bytes() / 1048576.0;
  }

  /** Collections by the collector that collects the whole heap (G1's full GC, Serial's mark-compact, ZGC's cycles). */
  private static long fullCollections() {
    long count = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      String name = gc.getName();
      if (name.contains("Old") || name.contains("MarkSweep") || name.contains("Cycles")) {
        count += gc.getCollectionCount();
      }
    }
    return count;
  }
}
