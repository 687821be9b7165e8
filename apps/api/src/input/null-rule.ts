/**
 * `@IsOptional()` lets null through as well as an absent field, and null reaching a NOT NULL
 * column is a 500. The rule, for every DTO: an optional field may be left out; it may be null
 * only where its schema says `nullable: true` (the OpenAPI document shows exactly that). Checked
 * on the built DTO, nested DTOs included, iteratively.
 */

/** The metadata key of @ApiProperty's options (@nestjs/swagger keeps its constants private). */
const API_PROPERTY = 'swagger/apiModelProperties';

function declaredNullable(dto: object, key: string): boolean {
  const options = Reflect.getMetadata(API_PROPERTY, Object.getPrototypeOf(dto) as object, key) as { nullable?: boolean } | undefined;
  return options?.nullable === true;
}

function isDtoInstance(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto !== null && proto !== Object.prototype && !Array.isArray(value);
}

/** The fields (with their paths) that are null without being declared nullable. */
export function undeclaredNulls(dto: unknown): { field: string; errors: string[] }[] {
  const found: { field: string; errors: string[] }[] = [];
  const stack: { value: unknown; path: string }[] = [{ value: dto, path: '' }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: path ? `${path}.${i}` : String(i) }));
      continue;
    }
    const dtoInstance = isDtoInstance(value);
    for (const [key, child] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (child === null) {
        if (dtoInstance && !declaredNullable(value, key))
          found.push({ field, errors: [`${key} must not be null (leave it out to keep the current value)`] });
        continue;
      }
      stack.push({ value: child, path: field });
    }
  }
  return found.sort((a, b) => a.field.localeCompare(b.field));
}
