package kr.compliance.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import kr.compliance.pack.SubmissionLedger;
import kr.compliance.pack.Submissions;
import kr.compliance.store.Quarter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code submit --period 2026Q3 [--run N] [--reason TEXT] [--out DIR] [--lang ko|en]}: records the
 * run sent to the ministry, by the OS user, and writes the pack that is sent.
 */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = "Submit a scoring run of a period (default: its latest completed run): write the pack that is"
                + " sent and record it in the submission ledger. Submitting a period again needs --reason.")
final class SubmitCommand implements Callable<Integer> {

    @ParentCommand
    ComplianceCommand global;

    @Spec
    CommandSpec spec;

    @Option(names = "--period", required = true, paramLabel = "PERIOD", description = "a quarter, e.g. 2026Q3")
    Quarter period;

    @Option(
            names = "--run",
            paramLabel = "N",
            description = "the scoring run to submit (default: the period's latest completed run)")
    Long run;

    @Option(
            names = "--reason",
            paramLabel = "TEXT",
            description = "why the period is submitted again (required when it was submitted before)")
    String reason;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "the folder for the submitted pack (default: $COMPLIANCE_HOME/submissions)")
    Path out;

    @Mixin
    PackLanguage language;

    @Override
    public Integer call() {
        String user = System.getProperty("user.name");
        return AppContext.run(global, context -> {
            Submissions.Submitted submitted = context.getBean(Submissions.class)
                    .submit(new Submissions.Request(period, run, reason, out, language.code(), user));
            SubmissionLedger.Row row = submitted.row();
            PrintWriter console = spec.commandLine().getOut();
            console.println("submitted " + row.period() + " run " + row.runId() + " as submission "
                    + row.submissionId() + " by " + row.submittedBy() + " at " + row.submittedAt()
                    + (row.amendsSubmissionId() == null
                            ? ""
                            : ", amending submission " + row.amendsSubmissionId() + " (reason: " + row.reason() + ")"));
            console.println(
                    "pack " + submitted.pack().file() + " (" + submitted.pack().size() + " bytes, sha256 "
                            + row.packSha256() + ", manifest sha256 " + row.manifestSha256() + ")");
            return ExitCodes.OK;
        });
    }
}
