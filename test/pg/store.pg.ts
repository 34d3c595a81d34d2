import { PgStore } from '../../cloud/store/pg/PgStore'
import { storeContract } from '../store/contract'
import { serverStoreContract } from '../store/serverContract'
import { freshDatabase } from './db'

storeContract('PostgreSQL (real server)', async () => PgStore.connect(await freshDatabase('contract')))
serverStoreContract('PostgreSQL (real server)', async () => PgStore.connect(await freshDatabase('server')))
