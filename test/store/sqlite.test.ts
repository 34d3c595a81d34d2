import { SqliteStore } from '../../cloud/store/sqlite/SqliteStore'
import { storeContract } from './contract'

storeContract('SQLite (real, in memory)', async () => new SqliteStore(':memory:'))
