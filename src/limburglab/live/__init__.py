"""The live session: `run` walks a group through a flow, asking each question through an Asker
(`asking`) on a terminal (`terminal`) or line by line (`plain`); `metadata` asks who is there."""
