package kr.compliance.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --lang ko|en}, the language of a pack (its workbook's labels, titles and reasons), for
 * every command that writes one. Any other value is refused while the command line is read, so a
 * typo exits 2 with the usage before anything starts.
 */
final class PackLanguage {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private String code = "ko";

    @Option(
            names = "--lang",
            defaultValue = "ko",
            paramLabel = "ko|en",
            description = "the pack's language: its labels, titles and reasons (default: ${DEFAULT-VALUE})")
    void set(String value) {
        if (!"ko".equals(value) && !"en".equals(value)) {
            throw new ParameterException(command.commandLine(), "--lang is ko or en, not '" + value + "'");
        }
        code = value;
    }

    String code() {
        return code;
    }
}
