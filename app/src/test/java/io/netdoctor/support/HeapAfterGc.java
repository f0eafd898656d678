package io.netdoctor.support;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Heap in use right after a full collection that did happen. {@code System.gc()} alone is not enough: G1 on JDK 17
 * skips it while a thread is inside a JNI critical region (JavaFX's renderer, zip inflation), and a figure read
 * after a skipped collection counts garbage (a 150,000-pod run read 1,116 MB against 720 MB after a real one).
 */
public final class HeapAfterGc {

  private static final int ATTEMPTS = 20;

  private HeapAfterGc() {
  }

  /** Bytes in use after a full GC; throws when none would run (the figure would say nothing). */
  public static long bytes() {
    long before = fullCollections();
    for (int i = 0; i < ATTEMPTS && fullCollections() == before; i++) {
      System.gc();
    }
    if (fullCollections() == before) {
      throw new IllegalStateException("no full garbage collection ran after " + ATTEMPTS + " System.gc() calls");
    }
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
