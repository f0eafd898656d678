package io.netdoctor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.netdoctor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule coreHasNoJavaFx = noClasses().that().resideInAPackage("io.netdoctor.core..")
      .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.controlsfx..",
          "org.kordamp..")
      .because("core is driven from the CLI and tests without a window");

  @ArchTest
  static final ArchRule coreDoesNotKnowUiOrCli = noClasses().that().resideInAPackage("io.netdoctor.core..")
      .should().dependOnClassesThat().resideInAnyPackage("io.netdoctor.ui..", "io.netdoctor.cli..");

  @ArchTest
  static final ArchRule cliHasNoJavaFx = noClasses().that().resideInAPackage("io.netdoctor.cli..")
      .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.netdoctor.ui..");

  @ArchTest
  static final ArchRule cliBuildsNoClient = noClasses().that().resideInAPackage("io.netdoctor.cli..")
      .should().dependOnClassesThat().haveFullyQualifiedName("io.fabric8.kubernetes.client.KubernetesClientBuilder")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("io.fabric8.kubernetes.client.Config")
      .orShould().callConstructorWhere(com.tngtech.archunit.core.domain.JavaConstructorCall.Predicates.target(
          com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
              com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo(
                  "io.fabric8.kubernetes.client.KubernetesClient"))))
      .because("cli asks core (KubeTarget, ClusterAccess) for its cluster: one way to open one, one error path");

  @ArchTest
  static final ArchRule uiUsesNoFabric8 = noClasses().that().resideInAPackage("io.netdoctor.ui..")
      .should().dependOnClassesThat().resideInAPackage("io.fabric8..")
      .because("everything the window needs from a cluster goes through core's service layer (issue 10)");

  @ArchTest
  static final ArchRule demoIsCoreSide = noClasses().that().resideInAPackage("io.netdoctor.demo..")
      .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.netdoctor.ui..", "io.netdoctor.cli..")
      .because("the demo runs inside the CLI's `demo` command as well as behind the window");

  @ArchTest
  static final ArchRule coreDoesNotKnowTheDemo = noClasses().that().resideInAPackage("io.netdoctor.core..")
      .should().dependOnClassesThat().resideInAPackage("io.netdoctor.demo..")
      .because("the demo is built on core (API world, port-forward bridge, DNS server, nodes), never the reverse");

  @ArchTest
  static final ArchRule corePackagesAreFreeOfCycles = slices().matching("io.netdoctor.core.(*)..")
      .should().beFreeOfCycles();
}
