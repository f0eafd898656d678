package io.netdoctor.support;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Evaluates {@link NeedsTools} before {@code @BeforeAll}. Outside CI a missing tool disables each test with the
 * reason (so surefire counts them as skipped) and the class's {@code @BeforeAll}/{@code @AfterAll} methods are not
 * run, since they would only start the lab that cannot work. Under CI the class fails, as {@link SystemTool} does.
 */
public final class NeedsToolsExtension implements ExecutionCondition, BeforeAllCallback, InvocationInterceptor {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<String> missing = missing(context);
    if (missing.isEmpty()) {
      return ConditionEvaluationResult.enabled("the tools the class needs are present");
    }
    if (SystemTool.ci() || context.getTestMethod().isEmpty()) {
      // The class itself runs so that each test is reported (skipped), or, under CI, fails in beforeAll.
      return ConditionEvaluationResult.enabled("tests decide: " + missing.get());
    }
    System.err.println("SKIPPED: " + context.getDisplayName() + ": " + missing.get());
    return ConditionEvaluationResult.disabled(missing.get());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    Optional<String> missing = missing(context);
    if (missing.isPresent() && SystemTool.ci()) {
      throw SystemTool.ciFailure(missing.get());
    }
  }

  @Override
  public void interceptBeforeAllMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    runUnlessSkipped(invocation, context);
  }

  @Override
  public void interceptAfterAllMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    runUnlessSkipped(invocation, context);
  }

  private static void runUnlessSkipped(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
    if (missing(context).isPresent()) {
      invocation.skip();
    } else {
      invocation.proceed();
    }
  }

  /** Why the class cannot run here ("sshd, root are missing ..."), or empty when everything is present. */
  static Optional<String> missing(ExtensionContext context) {
    Optional<NeedsTools> needs = context.getTestClass()
        .flatMap(c -> AnnotationSupport.findAnnotation(c, NeedsTools.class));
    if (needs.isEmpty()) {
      return Optional.empty();
    }
    List<String> absent = new ArrayList<>();
    for (String tool : needs.get().value()) {
      boolean ok = "root".equals(tool) ? SystemTool.root() : SystemTool.find(tool) != null;
      if (!ok) {
        absent.add(tool);
      }
    }
    if (absent.isEmpty()) {
      return Optional.empty();
    }
    String reason = String.join(", ", absent) + (absent.size() == 1 ? " is" : " are") + " missing";
    if (absent.contains("root")) {
      reason += " (" + SystemTool.notRoot() + ")";
    }
    return Optional.of(reason + "; apt-get install -y openssh-server iproute2 netcat-openbsd sudo procps"
        + " util-linux tcpdump iputils-ping, and run as root");
  }
}
