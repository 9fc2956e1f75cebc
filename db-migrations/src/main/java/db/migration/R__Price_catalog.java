package db.migration;

import com.agentobs.migrations.PriceCatalogLoader;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Loads the platform price catalog from {@code pricing/catalog.csv} into {@code price_catalog}. A Java
 * repeatable migration, so that Flyway finds it in {@code db/migration} wherever it runs (the migration
 * tool and every service's tests) and re-runs it whenever the file's checksum changes.
 */
public class R__Price_catalog extends BaseJavaMigration {

	@Override
	public Integer getChecksum() {
		return PriceCatalogLoader.checksum();
	}

	@Override
	public void migrate(Context context) throws Exception {
		PriceCatalogLoader.load(context.getConnection(), PriceCatalogLoader.read());
	}

}
