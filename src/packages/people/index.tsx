import DeskShell from '../../components/DeskShell'
import PeopleScreen from './PeopleScreen'
import './index.scss'

/** 人员与邀请: the bureau lists, adds, moves, re-roles and deactivates people, and invites a community. */
export default function PeoplePage() {
  return (
    <DeskShell title="人员与邀请" active="packages/people/index">
      <PeopleScreen />
    </DeskShell>
  )
}
