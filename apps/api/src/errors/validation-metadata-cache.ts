/**
 * class-validator looks up a class's validation rules anew on every `validate()`: it filters the
 * class's rules and walks every registered class for inherited ones. For the socket events and
 * REST bodies (every edit, every heartbeat) that lookup was the largest single source of garbage
 * per edit (bench: heap-probe). The rules only change when a decorator registers one, so the
 * lookups are remembered per class and options, and forgotten whenever a rule is added. The
 * validation itself, its options and its errors are class-validator's, unchanged.
 */
import { getMetadataStorage } from 'class-validator';

type Rules = object[];
interface Storage {
  getTargetValidationMetadatas(target: unknown, schema: string, always: boolean, strictGroups: boolean, groups?: string[]): Rules;
  groupByPropertyName(metadata: Rules): Record<string, Rules>;
  addValidationMetadata(metadata: object): void;
  fpRulesCached?: true;
}

export function cacheValidationRules(): void {
  const storage = getMetadataStorage() as unknown as Storage;
  if (storage.fpRulesCached) return;
  storage.fpRulesCached = true;
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let rules = new Map<unknown, Map<string, Rules>>();
  let grouped = new WeakMap<Rules, Record<string, Rules>>();
  storage.addValidationMetadata = (metadata) => {
    rules = new Map();
    grouped = new WeakMap();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? '\u0001'}`;
    let perTarget = rules.get(target);
    if (!perTarget) rules.set(target, (perTarget = new Map()));
    let found = perTarget.get(key);
    if (!found) perTarget.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
  // Called with the (now shared) result of the lookup above; class-validator only reads it.
  storage.groupByPropertyName = (metadata) => {
    let byProperty = grouped.get(metadata);
    if (!byProperty) grouped.set(metadata, (byProperty = group(metadata)));
    return byProperty;
  };
}
