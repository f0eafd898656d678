package io.netdoctor.ui.tree;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, house: one copy of cluster state. The connection's {@code ClusterState} holds the cluster's
 * objects; the window keeps rows, not a second cache. A field that collects pods, nodes or Services
 * (a map anywhere in ui; any collection in the tree and the main window) would be such a copy.
 */
class OneCopyOfClusterStateTest {

  private static final Pattern COLLECTED_OBJECT =
      Pattern.compile("<.*\\bio\\.netdoctor\\.core\\.kube\\.(PodInfo|NodeInfo|ServiceInfo)\\b.*>");

  private static DescribedPredicate<JavaField> collecting(String kind) {
    return DescribedPredicate.describe("hold " + kind + " of PodInfo, NodeInfo or ServiceInfo", field -> {
      String type = field.reflect().getGenericType().getTypeName();
      boolean map = java.util.Map.class.isAssignableFrom(field.reflect().getType());
      return COLLECTED_OBJECT.matcher(type).find() && (kind.equals("a collection") || map);
    });
  }

  private static final com.tngtech.archunit.core.domain.JavaClasses UI = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.netdoctor.ui");

  @Test
  void noWindowClassKeepsAMapOfClusterObjects() {
    ArchRule rule = noFields().that().areDeclaredInClassesThat().resideInAPackage("io.netdoctor.ui..")
        .should(com.tngtech.archunit.lang.conditions.ArchConditions.be(collecting("a map")))
        .because("ClusterState is the one copy of the cluster (issue 10)");
    rule.check(UI);
  }

  @Test
  void theTreeAndTheMainWindowKeepNoCollectionOfClusterObjects() {
    ArchRule rule = noFields().that().areDeclaredInClassesThat()
        .resideInAnyPackage("io.netdoctor.ui.tree..", "io.netdoctor.ui.main..")
        .should(com.tngtech.archunit.lang.conditions.ArchConditions.be(collecting("a collection")))
        .because("the tree keeps one row per object and reads the objects from the changes it is given");
    rule.check(UI);
  }

  @Test
  void theRuleSeesACopyWhereThereIsOne() {
    // the rule must be able to fail: a class with such a map is caught
    var withCopy = new ClassFileImporter().importClasses(WithACopy.class);
    ArchRule rule = noFields().should(com.tngtech.archunit.lang.conditions.ArchConditions.be(collecting("a map")));
    assertThat(rule.evaluate(withCopy).hasViolation()).isTrue();
  }

  @SuppressWarnings("unused")
  private static final class WithACopy {
    private final java.util.Map<String, io.netdoctor.core.kube.PodInfo> pods = new java.util.HashMap<>();
  }
}
