/** Another language's catalogue must have exactly the keys of the Chinese one (the source). */
export type Catalogue<T> = { [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };
