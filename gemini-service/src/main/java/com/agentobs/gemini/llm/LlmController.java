package com.agentobs.gemini.llm;

import java.util.Map;

import jakarta.validation.Valid;
import tools.jackson.databind.json.JsonMapper;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal model gateway for other services (the quality judge): analysts and above, or an
 * agent token with the {@value #PERMISSION} permission, in the workspace of the token. Not routed
 * by the gateway; services call it on port 8007 with the caller's token.
 */
@RestController
@RequestMapping("/api/v1/llm")
class LlmController {

	static final String PERMISSION = "llm:generate";

	private final TextGenerator generator;

	private final JsonMapper mapper;

	LlmController(TextGenerator generator, JsonMapper mapper) {
		this.generator = generator;
		this.mapper = mapper;
	}

	@PostMapping("/generate")
	@RequiresRole(value = Role.ANALYST, agentPermission = PERMISSION)
	ApiResponse<GenerateTextResponse> generate(Caller caller, @Valid @RequestBody GenerateTextRequest request) {
		if (request.responseSchema() != null && !request.responseSchema().isObject()) {
			throw ApiException.validation("response_schema", "must be a JSON schema object");
		}
		int budget = (request.maxOutputTokens() != null) ? request.maxOutputTokens()
				: GenerateTextRequest.DEFAULT_MAX_OUTPUT_TOKENS;
		long started = System.nanoTime();
		TextGeneration answer;
		try {
			answer = this.generator.generate(
					new TextGenerationRequest(request.prompt(), request.system(), request.responseSchema(), budget));
		}
		catch (GenerationException ex) {
			ErrorCode code = (ex.reason() == GenerationException.Reason.TIMEOUT) ? ErrorCode.UPSTREAM_TIMEOUT
					: ErrorCode.SERVICE_UNAVAILABLE;
			throw new ApiException(code, "The model gave no usable answer",
					Map.of("reason", ex.reason().code(), "provider", this.generator.provider()));
		}
		long durationMs = ResponseMeta.millisSince(started);
		GenerateTextResponse data = new GenerateTextResponse(answer.text(),
				(request.responseSchema() != null) ? this.mapper.readTree(answer.text()) : null, answer.provider(),
				answer.model(), answer.inputTokens(), answer.outputTokens(), answer.costUsd(), answer.finishReason(),
				answer.attempts());
		return ApiResponse.of(data, ResponseMeta.single(durationMs, false));
	}

}
