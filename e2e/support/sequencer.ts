import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Files run in name order: 01-foundation starts from an empty installation, the rest build on it. */
export default class ByName extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
  }
}
