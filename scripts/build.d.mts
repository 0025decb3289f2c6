export declare const entries: Record<string, string>;
export declare function buildAll(options?: { minify?: boolean }): Promise<void>;
export declare function buildTypes(): void;
