package dev.rnnkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.rnnkit.data.LayeringViolation;
import java.util.stream.Stream;

/**
 * RNNKit's packages in two layers: the library (the Java API a user builds on) and the
 * application (the commands, the article's runs, the comparison, benchmarks and reports, built
 * on the library). The library never uses the application, and no packages import each other
 * in a cycle. Main classes only; tests may cross the layers.
 */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  static final String ROOT = "dev.rnnkit";

  private static final String[] LIBRARY = {
    ROOT + ".layers..", ROOT + ".losses..", ROOT + ".optimizers..", ROOT + ".metrics..",
    ROOT + ".model..", ROOT + ".train..", ROOT + ".data..", ROOT + ".savedmodel..",
    ROOT + ".keras..", ROOT + ".io..", ROOT + ".spark.."
  };
  private static final String[] APPLICATION = {
    ROOT + ".cli..", ROOT + ".examples..", ROOT + ".compare..", ROOT + ".bench..",
    ROOT + ".report.."
  };

  @ArchTest
  static final ArchRule libraryDoesNotUseTheApplication = noClasses()
      .that().resideInAnyPackage(LIBRARY)
      .should().dependOnClassesThat().resideInAnyPackage(APPLICATION)
      .because("the library is what users build on; the application is built on it");

  @ArchTest
  static final ArchRule everyPackageIsLibraryOrApplication = classes()
      .should().resideInAnyPackage(Stream.concat(Stream.of(LIBRARY), Stream.of(APPLICATION))
          .toArray(String[]::new))
      .because("each package must be listed in ArchitectureTest as LIBRARY or APPLICATION,"
          + " so that the layering rule covers it");

  /** One slice per package, subpackages apart: {@code savedmodel} and {@code savedmodel.safety} too. */
  @ArchTest
  static final ArchRule packagesAreFreeOfCycles = slices()
      .matching(ROOT + ".(**)")
      .should().beFreeOfCycles();

  @ArchTest
  static void layeringRuleRejectsALibraryClassThatUsesTheApplication(JavaClasses ignored) {
    JavaClasses violation = new ClassFileImporter().importClasses(LayeringViolation.class);
    EvaluationResult result = libraryDoesNotUseTheApplication.evaluate(violation);
    assertTrue(result.hasViolation() && result.getFailureReport().toString()
        .contains("dev.rnnkit.report.ReportDocument"), result.getFailureReport().toString());
  }
}
