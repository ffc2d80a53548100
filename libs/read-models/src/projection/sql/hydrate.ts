import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** A raw row (database column names and values) as the entity TypeORM would have loaded. */
export const hydrate = <Row extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<Row>,
  raw: Record<string, unknown>,
): Row => {
  const metadata = manager.connection.getMetadata(target);
  const row: Record<string, unknown> = {};
  for (const column of metadata.columns) {
    row[column.propertyName] = manager.connection.driver.prepareHydratedValue(
      raw[column.databaseName],
      column,
    );
  }
  return row as Row;
};
