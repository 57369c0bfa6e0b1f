package kr.compliance.serve;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import kr.compliance.pack.ToolVersion;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at {@code /v3/api-docs}: named for this product, its version, HTTP Basic. */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    static final String BASIC = "basic";

    @Bean
    OpenAPI complianceApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Compliance evidence API")
                        .version(ToolVersion.of())
                        .description("Scores, findings, runs, restatements, exceptions and evidence packs of the"
                                + " six corrective actions (docs/api.md). Roles: AUDITOR reads, OFFICER also"
                                + " requests runs and submits, ADMIN also reads the access log."))
                .components(new Components()
                        .addSecuritySchemes(
                                BASIC,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
    }

    /**
     * A finding's {@code reason_params} is a JSON object written as it is stored (a raw value),
     * which the description would otherwise call a string.
     */
    @Bean
    OpenApiCustomizer reasonParametersAreAnObject() {
        return api -> {
            Schema<?> finding =
                    api.getComponents() == null || api.getComponents().getSchemas() == null
                            ? null
                            : api.getComponents().getSchemas().get("Finding");
            if (finding != null && finding.getProperties() != null) {
                finding.getProperties()
                        .put(
                                "reason_params",
                                new ObjectSchema()
                                        .description("the reason's parameters by name (docs/controls.md, Reasons);"
                                                + " null for a finding stored before reasons had codes"));
            }
        };
    }
}
