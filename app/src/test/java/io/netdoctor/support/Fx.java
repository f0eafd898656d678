package io.netdoctor.support;

import java.util.concurrent.Callable;
import org.testfx.util.WaitForAsyncUtils;

/** Reads (or does) something on the FX thread from a test and returns its result; failures surface in the test. */
public final class Fx {

  private Fx() {
  }

  public static <T> T fx(Callable<T> read) {
    try {
      return WaitForAsyncUtils.asyncFx(read).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
