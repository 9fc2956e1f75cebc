package com.agentobs.query.business;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.agentobs.query.business.BusinessResponses.ExecutiveReport;
import com.agentobs.query.business.BusinessResponses.ReportForecast;
import com.agentobs.query.business.BusinessResponses.ReportGoal;
import com.agentobs.query.business.BusinessResponses.ReportRow;
import com.agentobs.query.business.BusinessResponses.ReportSummary;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The executive report as a one-file PDF (A4 landscape, standard Helvetica, no embedded fonts),
 * drawn from the same {@link ExecutiveReport} data as its JSON and CSV, so every number matches the
 * CSV. Text Helvetica cannot encode (WinAnsi) is replaced with {@code ?} rather than failing.
 */
@Component
class ExecutiveReportPdf {

	private static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());

	private static final float MARGIN = 40;

	private static final float BODY = 9;

	private static final float SMALLEST = 6;

	private static final Pattern NUMBER = Pattern.compile("-?\\$?[0-9][0-9,.]*%?");

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private final JsonMapper mapper;

	ExecutiveReportPdf(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/** Renders the executive report view's {@code data}. */
	byte[] render(JsonNode data) {
		return render(this.mapper.treeToValue(data, ExecutiveReport.class));
	}

	byte[] render(ExecutiveReport report) {
		try (PDDocument doc = new PDDocument(); Canvas canvas = new Canvas(doc)) {
			PDDocumentInformation info = doc.getDocumentInformation();
			info.setTitle("Executive report");
			info.setCreator("AgentObs");
			canvas.text(canvas.bold, 18, "Executive report - Business Impact");
			canvas.gap(4);
			String workspace = (report.workspaceName() != null) ? report.workspaceName() + " (" + report.workspaceId()
					+ ")" : String.valueOf(report.workspaceId());
			canvas.text(canvas.regular, BODY, "Workspace: " + workspace);
			canvas.text(canvas.regular, BODY, "Period: " + minute(report.periodFrom()) + " to " + minute(report.periodTo()));
			canvas.text(canvas.regular, BODY, "Generated: " + minute(report.generatedAt()));

			ReportSummary s = report.summary();
			canvas.heading("Summary");
			canvas.text(canvas.regular, BODY, "Value delivered: " + usd(s.valueUsd()) + "    Cost: " + usd(s.costUsd())
					+ "    ROI: " + pct(s.roiPct()) + ((s.roiNote() != null) ? " (" + s.roiNote() + ")" : ""));
			canvas.text(canvas.regular, BODY, "Hours saved: " + hours(s.hoursSaved()) + "    Successful outcomes: "
					+ count(s.successfulOutcomes()));
			canvas.text(canvas.regular, BODY, "Open goals: " + s.goalsOnTrack() + " on track, " + s.goalsAtRisk()
					+ " at risk, " + s.goalsOffTrack() + " off track, " + s.goalsAchieved() + " achieved");

			canvas.heading("ROI by department");
			List<List<String>> rows = new ArrayList<>();
			for (ReportRow r : report.departments()) {
				rows.add(List.of(r.department(), usd(r.valueUsd()), usd(r.costUsd()), pct(r.roiPct()),
						hours(r.hoursSaved()), count(r.successfulOutcomes()), count(r.goalsOnTrack()),
						count(r.goalsAtRisk()), count(r.goalsOffTrack()), count(r.goalsAchieved()),
						usd(r.forecastValueNext90dUsd()), usd(r.forecastCostNext90dUsd())));
			}
			canvas.table(new float[] { 95, 75, 70, 70, 50, 55, 45, 45, 45, 50, 75, 75 },
					List.of("Department", "Value", "Cost", "ROI", "Hours", "Outcomes", "On track", "At risk",
							"Off track", "Achieved", "Value 90d fcst", "Cost 90d fcst"),
					rows, "No departments.");

			canvas.heading("Goal board");
			List<List<String>> goals = new ArrayList<>();
			for (ReportGoal g : report.goals()) {
				goals.add(List.of(g.department(), g.name(), g.metric(), amount(g.currentValue(), g.unit()),
						amount(g.targetValue(), g.unit()), pct(g.projectedPctOfTarget()), g.status().replace('_', ' '),
						String.valueOf(g.targetDate())));
			}
			canvas.table(new float[] { 90, 190, 100, 80, 80, 70, 60, 70 },
					List.of("Department", "Goal", "Metric", "Current", "Target", "Projected", "Status", "Target date"),
					goals, "No open goals.");

			canvas.heading("Forecast");
			List<List<String>> forecast = new ArrayList<>();
			for (ReportForecast f : report.forecast()) {
				boolean ready = "ready".equals(f.status());
				forecast.add(List.of(f.series().equals("value_usd") ? "Value" : "Cost", "next " + f.days() + " days",
						ready ? usd(f.predicted()) : "pending", ready ? usd(f.lower80()) : "",
						ready ? usd(f.upper80()) : ""));
			}
			canvas.table(new float[] { 70, 90, 90, 90, 90 },
					List.of("Series", "Horizon", "Predicted", "80% low", "80% high"), forecast, "No forecast.");
			canvas.gap(6);
			canvas.text(canvas.regular, 7, "ROI % = (value - cost) / cost x 100 from the cent-rounded totals. The 80% band of "
					+ "a horizon is the sum of its days' 10th and 90th percentiles (a cautious, wide band). Pending: "
					+ "no forecast run yet.");
			canvas.close();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			doc.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * {@code text} with every character the font cannot encode replaced: whitespace and controls
	 * by a space, anything else by {@code ?} (Helvetica covers WinAnsi only).
	 */
	static String safe(PDFont font, String text) {
		StringBuilder out = new StringBuilder(text.length());
		text.codePoints().forEach((cp) -> {
			if (Character.isWhitespace(cp) || Character.isISOControl(cp) || Character.isSpaceChar(cp)) {
				out.append(' ');
				return;
			}
			String ch = Character.toString(cp);
			try {
				font.encode(ch);
				out.append(ch);
			}
			catch (IllegalArgumentException | IOException ex) {
				out.append('?');
			}
		});
		return out.toString();
	}

	private static String minute(Instant t) {
		return (t != null) ? MINUTE.format(t) : "n/a";
	}

	private static String usd(BigDecimal v) {
		return (v != null) ? String.format(Locale.ROOT, "$%,.2f", v) : "n/a";
	}

	private static String pct(Number v) {
		return (v != null) ? String.format(Locale.ROOT, "%.1f%%", v.doubleValue()) : "n/a";
	}

	private static String hours(BigDecimal v) {
		return (v != null) ? String.format(Locale.ROOT, "%,.1f", v) : "n/a";
	}

	private static String count(long v) {
		return String.format(Locale.ROOT, "%,d", v);
	}

	private static String amount(BigDecimal v, String unit) {
		if (v == null) {
			return "n/a";
		}
		return switch (String.valueOf(unit)) {
			case "usd" -> usd(v);
			case "pct" -> pct(v);
			case "outcomes" -> String.format(Locale.ROOT, "%,.0f", v);
			default -> String.format(Locale.ROOT, "%,.1f", v);
		};
	}

	/** A cursor over pages: writes lines top-down and starts a new page when one is full. */
	private static final class Canvas implements AutoCloseable {

		private final PDDocument doc;

		// fonts per document: a font object belongs to the document it is written into
		final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

		final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

		private PDPageContentStream stream;

		private float y;

		Canvas(PDDocument doc) throws IOException {
			this.doc = doc;
			newPage();
		}

		private void newPage() throws IOException {
			close();
			PDPage page = new PDPage(PAGE);
			this.doc.addPage(page);
			this.stream = new PDPageContentStream(this.doc, page);
			this.y = PAGE.getHeight() - MARGIN;
		}

		private void room(float height) throws IOException {
			if (this.y - height < MARGIN) {
				newPage();
			}
		}

		void gap(float height) {
			this.y -= height;
		}

		void heading(String text) throws IOException {
			room(40);
			gap(10);
			text(this.bold, 12, text);
			gap(2);
		}

		void text(PDFont font, float size, String text) throws IOException {
			float width = PAGE.getWidth() - 2 * MARGIN;
			for (String line : wrap(font, size, safe(font, text), width)) {
				room(size * 1.4f);
				this.y -= size * 1.4f;
				show(font, size, MARGIN, line);
			}
		}

		void table(float[] widths, List<String> header, List<List<String>> rows, String empty) throws IOException {
			row(this.bold, widths, header);
			float right = MARGIN;
			for (float w : widths) {
				right += w;
			}
			this.stream.setLineWidth(0.5f);
			this.stream.moveTo(MARGIN, this.y - 3);
			this.stream.lineTo(right, this.y - 3);
			this.stream.stroke();
			gap(2);
			if (rows.isEmpty()) {
				text(this.regular, BODY, empty);
			}
			for (List<String> r : rows) {
				row(this.regular, widths, r);
			}
		}

		private void row(PDFont font, float[] widths, List<String> cells) throws IOException {
			room(BODY * 1.5f);
			this.y -= BODY * 1.5f;
			float x = MARGIN;
			for (int i = 0; i < cells.size(); i++) {
				String text = safe(font, cells.get(i));
				float size = BODY;
				// a number must show whole: a wide one is set smaller (cut only below the smallest size);
				// a wide text is cut
				while (NUMBER.matcher(text).matches() && size > SMALLEST && width(font, size, text) > widths[i] - 6) {
					size -= 0.5f;
				}
				show(font, size, x, fit(font, size, text, widths[i] - 6));
				x += widths[i];
			}
		}

		private void show(PDFont font, float size, float x, String text) throws IOException {
			this.stream.beginText();
			this.stream.setFont(font, size);
			this.stream.newLineAtOffset(x, this.y);
			this.stream.showText(text);
			this.stream.endText();
		}

		private static float width(PDFont font, float size, String text) throws IOException {
			return font.getStringWidth(text) / 1000 * size;
		}

		/** The text cut to {@code max} points, marked with "..." when cut. */
		private static String fit(PDFont font, float size, String text, float max) throws IOException {
			if (width(font, size, text) <= max) {
				return text;
			}
			String cut = text;
			while (!cut.isEmpty() && width(font, size, cut + "...") > max) {
				cut = cut.substring(0, cut.length() - 1);
			}
			return cut + "...";
		}

		private static List<String> wrap(PDFont font, float size, String text, float max) throws IOException {
			List<String> lines = new ArrayList<>();
			StringBuilder line = new StringBuilder();
			for (String word : text.split(" ")) {
				String next = line.isEmpty() ? word : line + " " + word;
				if (!line.isEmpty() && width(font, size, next) > max) {
					lines.add(line.toString());
					line = new StringBuilder(word);
				}
				else {
					line = new StringBuilder(next);
				}
			}
			lines.add(line.toString());
			return lines;
		}

		@Override
		public void close() throws IOException {
			if (this.stream != null) {
				this.stream.close();
				this.stream = null;
			}
		}

	}

}
