import {
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type TableNode,
  type UnknownRow,
} from 'kysely';

class TableRenamer extends OperationNodeTransformer {
  constructor(private readonly names: ReadonlyMap<string, string>) {
    super();
  }

  protected override transformTable(node: TableNode): TableNode {
    const table = super.transformTable(node);
    const renamed = this.names.get(table.table.identifier.name);
    if (renamed === undefined) return table;
    return { ...table, table: { ...table.table, identifier: { ...table.table.identifier, name: renamed } } };
  }
}

/**
 * Points every query at other copies of some tables: `timeline_entries` becomes `timeline_entries__rebuild`. A rebuild
 * runs the projection's own code, unchanged, against shadow tables, and swaps them in when it has caught up.
 */
export class TableRenamePlugin implements KyselyPlugin {
  private readonly renamer: TableRenamer;

  constructor(names: ReadonlyMap<string, string>) {
    this.renamer = new TableRenamer(names);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.renamer.transformNode(args.node, args.queryId);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

export const SHADOW_SUFFIX = '__rebuild';

export function shadowNames(tables: readonly string[]): Map<string, string> {
  return new Map(tables.map((table) => [table, `${table}${SHADOW_SUFFIX}`]));
}
