package dev.cccf;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The layering of every module, checked on the compiled classes of their main code (here, in
 * cccf-docker, because it is the module that sees all the others): cccf-core needs only Jackson;
 * scale, diff, host and instructions need only cccf-core; docker-java stays in cccf-docker; no
 * module reaches into another one's {@code .internal} package; no library package uses a CLI.
 */
class LayeringTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.cccf");
    /** Jackson, with the YAML parser that jackson-dataformat-yaml brings (its problems carry SnakeYAML's marks). */
    private static final String[] JACKSON = {"com.fasterxml.jackson..", "org.yaml.snakeyaml.."};
    private static final List<String> MODULES = List.of("core", "testkit", "scale", "diff", "host", "instructions", "docker");

    @Test
    void theClassesOfEveryModuleAreChecked() {
        Set<String> modules = new TreeSet<>();
        for (JavaClass c : MAIN) {
            modules.add(module(c));
        }
        assertThat(modules).containsExactlyInAnyOrderElementsOf(MODULES);
    }

    @Test
    void coreNeedsOnlyTheJdkAndJackson() {
        check(onlyOn("core", JACKSON));
    }

    @ParameterizedTest
    @ValueSource(strings = {"scale", "host", "instructions"})
    void theTransformsNeedOnlyCore(String module) {
        check(onlyOn(module, JACKSON, "dev.cccf.core.."));
    }

    /** The unified diff of {@code --format text} is the CLI's: the library needs only core. */
    @Test
    void theDiffNeedsOnlyCoreAndItsCliTheDiffLibrary() {
        check(onlyOn("diff", JACKSON, "dev.cccf.core..", "com.github.difflib.."));
        check(noClasses().that().resideInAPackage("dev.cccf.diff..").and().resideOutsideOfPackage("dev.cccf.diff.cli..")
                .should().dependOnClassesThat().resideInAPackage("com.github.difflib.."));
    }

    @Test
    void theTestkitNeedsOnlyCoreAndTheTestLibraries() {
        check(onlyOn("testkit", JACKSON, "dev.cccf.core..", "org.assertj..", "org.junit.."));
    }

    @Test
    void dockerJavaLivesOnlyInCccfDocker() {
        check(noClasses().that().resideOutsideOfPackage("dev.cccf.docker..")
                .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava.."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"core", "testkit", "scale", "diff", "host", "instructions", "docker"})
    void noModuleUsesAnotherOnesInternals(String module) {
        check(noClasses().that().resideOutsideOfPackage("dev.cccf." + module + "..")
                .should().dependOnClassesThat().resideInAPackage("dev.cccf." + module + ".internal.."));
    }

    /** The testkit is no library of the tools: its BadInputContract runs the CLIs, through their streams. */
    @Test
    void noLibraryPackageUsesACli() {
        check(noClasses().that().resideOutsideOfPackages("..cli..", "dev.cccf.testkit..")
                .should().dependOnClassesThat().resideInAPackage("..cli.."));
    }

    /** The classes of {@code module} depend on nothing but the JDK, themselves and {@code allowed}. */
    private static ArchRule onlyOn(String module, String[] jackson, String... more) {
        String[] allowed = new String[jackson.length + more.length + 2];
        allowed[0] = "java..";
        allowed[1] = "dev.cccf." + module + "..";
        System.arraycopy(jackson, 0, allowed, 2, jackson.length);
        System.arraycopy(more, 0, allowed, 2 + jackson.length, more.length);
        return classes().that().resideInAPackage("dev.cccf." + module + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed);
    }

    private static void check(ArchRule rule) {
        rule.check(MAIN);
    }

    private static String module(JavaClass c) {
        String rest = c.getPackageName().substring("dev.cccf.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
