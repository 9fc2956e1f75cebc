package com.agentobs.ingestion.system;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.GZIPInputStream;

import jakarta.servlet.http.HttpServletRequest;

import com.agentobs.contracts.error.ApiException;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Reads an ingest request body within the size limit (413 beyond it, also after gzip
 * decoding, so a small compressed bomb cannot expand past it) and checks its media type
 * (415). Both ingest endpoints read their bodies here.
 */
@Component
public class RequestBodies {

	private final long maxBytes;

	RequestBodies(IngestionProperties properties) {
		this.maxBytes = properties.limits().maxBody().toBytes();
	}

	/** The media type of the request if it is one of {@code supported}, else 415. */
	public MediaType requireContentType(HttpServletRequest request, List<MediaType> supported) {
		String header = request.getContentType();
		if (header != null) {
			try {
				MediaType type = MediaType.parseMediaType(header);
				for (MediaType candidate : supported) {
					if (candidate.isCompatibleWith(type) && !type.isWildcardType() && !type.isWildcardSubtype()) {
						return candidate;
					}
				}
			}
			catch (IllegalArgumentException ex) {
				// falls through to 415
			}
		}
		throw ApiException.unsupportedMediaType(String.valueOf(header),
				supported.stream().map(MediaType::toString).toList());
	}

	public byte[] read(HttpServletRequest request) {
		long declared = request.getContentLengthLong();
		String encoding = request.getHeader("Content-Encoding");
		boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
		if (encoding != null && !gzip && !encoding.trim().equalsIgnoreCase("identity")) {
			throw ApiException.validation("Content-Encoding", "must be gzip or identity", List.of("gzip", "identity"));
		}
		if (declared > this.maxBytes) {
			throw tooLarge();
		}
		try {
			InputStream in = gzip ? new GZIPInputStream(request.getInputStream()) : request.getInputStream();
			byte[] body = in.readNBytes((int) this.maxBytes + 1);
			if (body.length > this.maxBytes) {
				throw tooLarge();
			}
			return body;
		}
		catch (IOException ex) {
			throw ApiException.validation("body", gzip ? "is not valid gzip data" : "could not be read");
		}
	}

	private ApiException tooLarge() {
		return ApiException.payloadTooLarge("The request body is larger than " + this.maxBytes + " bytes",
				this.maxBytes);
	}

}
