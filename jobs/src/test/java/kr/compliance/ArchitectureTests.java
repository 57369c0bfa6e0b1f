package kr.compliance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import kr.compliance.pack.PackLauncher;
import kr.compliance.store.JobStarts;
import kr.compliance.store.jooq.tables.Finding;
import kr.compliance.store.jooq.tables.RequirementScore;
import kr.compliance.store.jooq.tables.ScoringRun;
import kr.compliance.store.jooq.tables.records.FindingRecord;
import kr.compliance.store.jooq.tables.records.RequirementScoreRecord;
import kr.compliance.store.jooq.tables.records.ScoringRunRecord;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.launch.JobOperator;

/**
 * Data flows one way: sources → ingest → store → scoring → pack / serve. A package that reaches
 * against that flow fails the build.
 */
class ArchitectureTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("kr.compliance");

    @Test
    void capabilitiesDependOnlyDownstream() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("cli")
                .definedBy("kr.compliance.cli..")
                .layer("serve")
                .definedBy("kr.compliance.serve..")
                .layer("schedule")
                .definedBy("kr.compliance.schedule..")
                .layer("pack")
                .definedBy("kr.compliance.pack..")
                .layer("results")
                .definedBy("kr.compliance.results..")
                .layer("scoring")
                .definedBy("kr.compliance.scoring..")
                .layer("sources")
                .definedBy("kr.compliance.sources..")
                .layer("ingest")
                .definedBy("kr.compliance.ingest..")
                .layer("generate")
                .definedBy("kr.compliance.generate..")
                .layer("store")
                .definedBy("kr.compliance.store..")
                .whereLayer("cli")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("serve")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("schedule")
                .mayOnlyBeAccessedByLayers("serve", "cli")
                .whereLayer("pack")
                .mayOnlyBeAccessedByLayers("serve", "schedule", "cli")
                .whereLayer("results")
                .mayOnlyBeAccessedByLayers("pack", "serve", "schedule", "cli")
                .whereLayer("scoring")
                .mayOnlyBeAccessedByLayers("results", "pack", "serve", "schedule", "cli")
                .whereLayer("sources")
                .mayOnlyBeAccessedByLayers("schedule", "cli")
                .whereLayer("ingest")
                .mayOnlyBeAccessedByLayers("sources", "serve", "schedule", "cli")
                .whereLayer("generate")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("store")
                .mayOnlyBeAccessedByLayers(
                        "ingest", "sources", "scoring", "results", "pack", "serve", "schedule", "cli")
                .allowEmptyShould(true)
                .check(classes);
    }

    /**
     * The pack, the API and pages, and the scheduler read scoring's results through the read model
     * ({@code results.ScoringResults}), never from scoring's tables: one shape of a finding, one
     * order of scores, one answer to "which run".
     */
    @Test
    void onlyTheReadModelReadsScoringTables() {
        noClasses()
                .that()
                .resideInAnyPackage("kr.compliance.pack..", "kr.compliance.serve..", "kr.compliance.schedule..")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(
                        ScoringRun.class,
                        ScoringRunRecord.class,
                        Finding.class,
                        FindingRecord.class,
                        RequirementScore.class,
                        RequirementScoreRecord.class)
                .check(classes);
    }

    /**
     * One way into every job: Batch is asked to start or restart a job only by the rule every entry
     * follows ({@code store.JobStarts}), the pack's entry ({@code PackLauncher}: each request its own
     * instance) and the scheduler's start of a job no capability gives an entry; a command, a page or
     * a service beside a job never launches it itself.
     */
    @Test
    void jobsAreStartedOnlyThroughTheirEntries() {
        noClasses()
                .that()
                .doNotBelongToAnyOf(JobStarts.class, PackLauncher.class)
                .and()
                .doNotHaveFullyQualifiedName("kr.compliance.schedule.BatchJobRunner")
                .should()
                .callMethodWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.<JavaClass>owner(
                                JavaClass.Predicates.assignableTo(JobOperator.class)))
                        .and(JavaCall.Predicates.target(
                                HasName.Predicates.nameMatching("start|restart|startNextInstance"))))
                .check(classes);
    }

    /**
     * No two packages depend on each other, sub-packages included ({@code scoring} and
     * {@code scoring.controls}, say), which the layers above cannot see: each layer is a whole tree.
     */
    @Test
    void packagesFormNoCycles() {
        JavaClasses handWritten = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // jOOQ's generated tables, keys and records refer to each other by design
                .withImportOption(location -> !location.contains("/kr/compliance/store/jooq/"))
                .importPackages("kr.compliance");
        slices().matching("kr.compliance.(**)").should().beFreeOfCycles().check(handWritten);
    }
}
