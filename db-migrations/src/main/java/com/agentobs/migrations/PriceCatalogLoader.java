package com.agentobs.migrations;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.CRC32;


/**
 * Reads the versioned seed file {@value #RESOURCE} and replaces the rows of {@code price_catalog} with its
 * rows: the file is the catalog's one source, so a price change is reviewed as a diff of it. Run by the
 * repeatable migration {@code db.migration.R__Price_catalog}, whose checksum is the file's, so every
 * installation reloads the catalog on the first migrate after the file changed.
 */
public final class PriceCatalogLoader {

	static final String RESOURCE = "/pricing/catalog.csv";

	static final String HEADER = "model,provider,match_pattern,effective_from,input_per_1m_usd,output_per_1m_usd,"
			+ "cached_input_per_1m_usd,cache_write_per_1m_usd,reasoning_per_1m_usd,total_per_1m_usd,tier_input_tokens,"
			+ "input_tier_per_1m_usd,output_tier_per_1m_usd,cached_input_tier_per_1m_usd,cache_write_tier_per_1m_usd,"
			+ "source_url,source_date";

	/** Fields per line. */
	static final int FIELDS = 17;

	/** Price columns (per 1M tokens): the six base prices, then the four prices above the tier threshold. */
	static final int PRICES = 10;

	static final String INSERT = """
			INSERT INTO price_catalog (model, provider, match_pattern, effective_from, input_per_1m_usd,
			                           output_per_1m_usd, cached_input_per_1m_usd, cache_write_per_1m_usd,
			                           reasoning_per_1m_usd, total_per_1m_usd, source_url, source_date,
			                           position, tier_input_tokens, input_tier_per_1m_usd, output_tier_per_1m_usd,
			                           cached_input_tier_per_1m_usd, cache_write_tier_per_1m_usd)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			""";

	/**
	 * One row of the seed file; prices in the file's column order (input … total, then the tier's input, output,
	 * cached input and cache write), per 1M tokens; {@code tierInputTokens} is null for an entry without tiers.
	 */
	public record Row(int line, String model, String provider, String matchPattern, Date effectiveFrom, BigDecimal[] prices,
			Integer tierInputTokens, String sourceUrl, Date sourceDate) {
	}

	/** Replaces the catalog's rows; does nothing while the table (with its V141 tier columns) does not exist yet. */
	public static void load(Connection connection, List<Row> rows) throws SQLException {
		try (Statement st = connection.createStatement();
				var rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM information_schema.columns "
						+ "WHERE table_schema = current_schema() AND table_name = 'price_catalog' "
						+ "AND column_name = 'tier_input_tokens')")) {
			rs.next();
			if (!rs.getBoolean(1)) {
				return;
			}
			st.execute("DELETE FROM price_catalog");
		}
		try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
			for (Row r : rows) {
				ps.setString(1, r.model());
				ps.setString(2, r.provider());
				ps.setString(3, r.matchPattern());
				ps.setDate(4, r.effectiveFrom());
				for (int i = 0; i < 6; i++) {
					if (r.prices()[i] != null) {
						ps.setBigDecimal(5 + i, r.prices()[i]);
					}
					else {
						ps.setNull(5 + i, Types.NUMERIC);
					}
				}
				ps.setString(11, r.sourceUrl());
				ps.setDate(12, r.sourceDate());
				ps.setInt(13, r.line());
				if (r.tierInputTokens() != null) {
					ps.setInt(14, r.tierInputTokens());
				}
				else {
					ps.setNull(14, Types.INTEGER);
				}
				for (int i = 6; i < PRICES; i++) {
					if (r.prices()[i] != null) {
						ps.setBigDecimal(9 + i, r.prices()[i]);
					}
					else {
						ps.setNull(9 + i, Types.NUMERIC);
					}
				}
				ps.addBatch();
			}
			ps.executeBatch();
		}
	}

	/** CRC32 of the seed file's bytes. */
	public static int checksum() {
		try (InputStream in = resource()) {
			CRC32 crc = new CRC32();
			crc.update(in.readAllBytes());
			return (int) crc.getValue();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static InputStream resource() {
		InputStream in = PriceCatalogLoader.class.getResourceAsStream(RESOURCE);
		if (in == null) {
			throw new IllegalStateException(RESOURCE + " is missing from the classpath");
		}
		return in;
	}

	/** The seed file's rows; a malformed row or a pattern that does not compile fails the migrate. */
	public static List<Row> read() {
		try (InputStream in = resource()) {
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			String header = reader.readLine();
			if (!HEADER.equals(header)) {
				throw new IllegalStateException(RESOURCE + ": the header must be " + HEADER);
			}
			List<Row> rows = new ArrayList<>();
			String line;
			int n = 1;
			while ((line = reader.readLine()) != null) {
				n++;
				if (line.isBlank()) {
					continue;
				}
				String[] f = line.split(",", -1);
				if (f.length != FIELDS) {
					throw new IllegalStateException(
							RESOURCE + " line " + n + ": " + FIELDS + " fields expected, got " + f.length);
				}
				Pattern.compile(f[2]);
				BigDecimal[] prices = new BigDecimal[PRICES];
				for (int i = 0; i < 6; i++) {
					prices[i] = f[4 + i].isEmpty() ? null : new BigDecimal(f[4 + i]);
				}
				for (int i = 6; i < PRICES; i++) {
					prices[i] = f[5 + i].isEmpty() ? null : new BigDecimal(f[5 + i]);
				}
				Integer tier = f[10].isEmpty() ? null : Integer.valueOf(f[10]);
				if (tier != null && (prices[6] == null || prices[7] == null)) {
					throw new IllegalStateException(RESOURCE + " line " + n + ": a tier needs its input and output prices");
				}
				rows.add(new Row(n, f[0], f[1], f[2], Date.valueOf(f[3]), prices, tier, f[15], Date.valueOf(f[16])));
			}
			return rows;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
