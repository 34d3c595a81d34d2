import { SqliteStore } from '../../cloud/store/sqlite/SqliteStore'
import { storeContract } from './contract'
import { serverStoreContract } from './serverContract'

storeContract('SQLite (real, in memory)', async () => new SqliteStore(':memory:'))
serverStoreContract('SQLite (real, in memory)', async () => new SqliteStore(':memory:'))
