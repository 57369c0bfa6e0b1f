package kr.compliance.ingest;

import java.nio.charset.Charset;
import java.nio.file.Path;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * What the {@code ingestJob} is asked to load, as a scheduled launch carries it in job parameters:
 * a drop folder and the files' encoding. The ingest's entry reads it back, so an encoding name is
 * resolved in one place ({@link DropEncoding}: {@code CP949} is {@code x-windows-949} everywhere).
 *
 * @param encoding the files' encoding, or null for UTF-8
 */
public record IngestRequest(Path folder, Charset encoding) {

    public static final String JOB = "ingestJob";
    /** The drop folder, absolute. */
    public static final String FOLDER = "source";
    /** The files' encoding by any name {@link DropEncoding} knows; not part of the job instance's identity. */
    public static final String ENCODING = "encoding";

    public JobParameters toJobParameters() {
        JobParametersBuilder parameters = new JobParametersBuilder()
                .addString(FOLDER, folder.toAbsolutePath().normalize().toString());
        if (encoding != null) {
            parameters.addString(ENCODING, encoding.name(), false);
        }
        return parameters.toJobParameters();
    }

    /** The request in {@code parameters}; an encoding named there that Java does not know is refused. */
    public static IngestRequest of(JobParameters parameters) {
        String folder = parameters.getString(FOLDER);
        if (folder == null || folder.isBlank()) {
            throw new IllegalArgumentException("an ingest needs the parameter '" + FOLDER + "', the drop folder");
        }
        String encoding = parameters.getString(ENCODING);
        return new IngestRequest(
                Path.of(folder), encoding == null || encoding.isBlank() ? null : DropEncoding.resolve(encoding));
    }
}
